"""What a new password must be: long enough, and not guessable. Guessability is zxcvbn's estimate (Dropbox's
estimator: it ships frequency lists of common and breached passwords, names and words, and spots keyboard
patterns, repeats and dates), fed with the user's e-mail and the product name so that variants of them are
counted as guessable. The e-mail, its local part or the product name themselves are refused outright.

Only passwords chosen through the API go through this policy; the demo accounts of the embedded profile keep
their documented password."""

from __future__ import annotations

import string

from zxcvbn import zxcvbn

from portal.errors import WeakPassword

MIN_LENGTH = 12
MAX_LENGTH = 128  # argon2 takes any length; a bound keeps hashing and the estimate cheap
MIN_SCORE = 3  # zxcvbn 0-4: 3 is "safely unguessable", about 10^8 guesses and more
PRODUCT_NAMES = ("recouvra",)
# zxcvbn's own limit: what is longer is estimated on its first characters, which is conservative.
_ESTIMATED_CHARS = 72


def check_new_password(password: str, *, email: str) -> None:
    """Raises `WeakPassword` (422 naming `password`, in French and English) when `password` may not be chosen."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(
            f"password: at least {MIN_LENGTH} characters", f"password : au moins {MIN_LENGTH} caractères"
        )
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"password: at most {MAX_LENGTH} characters", f"password : au plus {MAX_LENGTH} caractères")
    local_part = email.split("@", 1)[0].lower()
    if _core(password) in {email.lower(), local_part, *PRODUCT_NAMES}:
        raise WeakPassword(
            "password: your e-mail address or the product name cannot be your password",
            "password : votre adresse e-mail ou le nom du produit ne peut pas être votre mot de passe",
        )
    estimate = zxcvbn(
        password[:_ESTIMATED_CHARS],
        user_inputs=[email.lower(), local_part, *PRODUCT_NAMES],
        max_length=_ESTIMATED_CHARS,
    )
    if estimate["score"] < MIN_SCORE:
        raise WeakPassword(
            "password: this password is too easy to guess (a common or leaked password, a word, a "
            "pattern or your e-mail); choose several unrelated words or a password manager's",
            "password : ce mot de passe est trop facile à deviner (mot de passe courant ou ayant "
            "fuité, mot du dictionnaire, suite de touches ou votre e-mail) ; choisissez plusieurs "
            "mots sans rapport entre eux ou celui d'un gestionnaire de mots de passe",
        )


def _core(password: str) -> str:
    """The password without the digits and punctuation people add around a word to pass a rule."""
    return password.strip(string.digits + string.punctuation + string.whitespace).lower()
