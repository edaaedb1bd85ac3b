"""« Mon compte »: the signed-in visitor's own account."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "nav.account": ("Mon compte", "My account"),
    "account.title": ("Mon compte", "My account"),
    "account.who": ("Vous êtes connecté en tant que {email} ({role}).", "You are signed in as {email} ({role})."),
    "account.password": ("Changer de mot de passe", "Change your password"),
    "account.password_intro": (
        "Votre mot de passe actuel vous est demandé. Après plusieurs erreurs, le compte est bloqué quelques minutes, "
        "comme à la connexion.",
        "Your current password is asked for. After several mistakes the account is locked for a few minutes, as at "
        "sign-in.",
    ),
    "account.current": ("Mot de passe actuel", "Current password"),
    "account.new": ("Nouveau mot de passe", "New password"),
    "account.hint": (
        "12 caractères au moins, difficile à deviner, ni votre adresse e-mail ni le nom du produit.",
        "At least 12 characters, hard to guess, neither your e-mail address nor the product name.",
    ),
    "account.confirmation": ("Nouveau mot de passe, une seconde fois", "New password, once more"),
    "account.submit": ("Changer le mot de passe", "Change the password"),
    "account.mismatch": (
        "Les deux saisies du nouveau mot de passe diffèrent : saisissez-le deux fois à l'identique.",
        "The two entries of the new password differ: type it twice the same.",
    ),
    "account.done": (
        "Votre mot de passe est changé : utilisez-le à votre prochaine connexion.",
        "Your password is changed: use it the next time you sign in.",
    ),
}
