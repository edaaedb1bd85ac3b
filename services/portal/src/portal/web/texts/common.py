"""Texts every page shares: the frame, signing in and out, the error pages, words for statuses."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "site.name": ("Recouvra", "Recouvra"),
    "site.tagline": ("Recouvrement de créances", "Debt collection"),
    "nav.label": ("Navigation principale", "Main navigation"),
    "nav.skip": ("Aller au contenu", "Skip to content"),
    "nav.cases": ("Dossiers", "Cases"),
    "nav.new_case": ("Ouvrir un dossier", "Open a case"),
    "empty.open_case": ("Ouvrir un dossier", "Open a case"),
    "empty.import": ("Importer des factures", "Import invoices"),
    "nav.dashboard": ("Balance âgée", "Aged balance"),
    "nav.worklist": ("File de travail", "Worklist"),
    "nav.reports": ("Rapports", "Reports"),
    "nav.sign_out": ("Se déconnecter", "Sign out"),
    "nav.signed_in_as": ("Connecté : {email}", "Signed in: {email}"),
    "lang.label": ("Langue", "Language"),
    "lang.switch": ("English", "Français"),
    "lang.switch_title": ("Show the pages in English", "Afficher les pages en français"),
    "footer.text": (
        "Recouvra, agence de recouvrement amiable de créances",
        "Recouvra, amicable debt collection agency",
    ),
    "sign_in.title": ("Connexion", "Sign in"),
    "sign_in.intro": (
        "Connectez-vous avec l'adresse e-mail et le mot de passe de votre compte.",
        "Sign in with your account's e-mail address and password.",
    ),
    "sign_in.email": ("Adresse e-mail", "E-mail address"),
    "sign_in.password": ("Mot de passe", "Password"),
    "sign_in.submit": ("Se connecter", "Sign in"),
    "sign_in.wrong": (
        "L'adresse e-mail ou le mot de passe est incorrect.",
        "The e-mail address or the password is wrong.",
    ),
    "sign_in.throttled": (
        "Trop de tentatives de connexion échouées : attendez quelques minutes avant de réessayer.",
        "Too many failed sign-in attempts: wait a few minutes before trying again.",
    ),
    "sign_in.expired": (
        "Votre session a expiré : connectez-vous à nouveau.",
        "Your session has expired: please sign in again.",
    ),
    "sign_in.signed_out": ("Vous êtes déconnecté.", "You are signed out."),
    "sign_in.bailiff": (
        "Les commissaires de justice utilisent l'API partenaire : ce site n'a pas de pages pour eux.",
        "Bailiffs use the partner API: this site has no pages for them.",
    ),
    "error.title": ("Erreur", "Error"),
    "error.not_found": ("Page introuvable", "Page not found"),
    "error.not_found.text": (
        "Cette page n'existe pas, ou vous n'y avez pas accès.",
        "This page does not exist, or you may not see it.",
    ),
    "error.forbidden": ("Accès refusé", "Access refused"),
    "error.forbidden.text": ("Votre compte ne permet pas cette action.", "Your account may not do this."),
    "error.csrf": ("Formulaire expiré", "Form expired"),
    "error.csrf.text": (
        "Ce formulaire n'est plus valable (il a été ouvert dans une autre session). Rechargez la page et recommencez.",
        "This form is no longer valid (it was opened in another session). Reload the page and try again.",
    ),
    "error.unavailable": ("Service momentanément indisponible", "Service temporarily unavailable"),
    "error.unavailable.text": (
        "Une partie de la plateforme ne répond pas. Réessayez dans quelques instants.",
        "Part of the platform is not answering. Try again in a moment.",
    ),
    "error.link": ("Lien non valable", "Link not valid"),
    "error.bad_form": ("Formulaire incomplet", "Form incomplete"),
    "error.bad_form.text": (
        "Le formulaire envoyé n'est pas celui de la page : revenez à la page, rechargez-la et recommencez.",
        "The form sent is not the page's own: go back to the page, reload it and try again.",
    ),
    "error.bad_address": ("Adresse non valable", "Address not valid"),
    "error.bad_address.text": (
        "L'adresse de cette page contient un paramètre que nous ne pouvons pas lire. Revenez à la page précédente et "
        "suivez un lien du site.",
        "This page's address holds a parameter we cannot read. Go back to the previous page and follow a link of "
        "the site.",
    ),
    "error.back_home": ("Retour à l'accueil", "Back to the home page"),
    "form.errors": ("Le formulaire contient des erreurs :", "The form has errors:"),
    "form.required": ("obligatoire", "required"),
    "form.field": ("Champ", "Field"),
    "form.colon": (" : ", ": "),
    "form.optional": ("facultatif", "optional"),
    "form.save": ("Enregistrer", "Save"),
    "pager.label": ("Pagination", "Pagination"),
    "pager.previous": ("Page précédente", "Previous page"),
    "pager.next": ("Page suivante", "Next page"),
    "pager.position": ("Page {page} sur {pages}", "Page {page} of {pages}"),
    "none": ("—", "—"),
    "yes": ("oui", "yes"),
    "no": ("non", "no"),
}
