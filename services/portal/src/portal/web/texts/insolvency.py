"""Texts of a debtor's insolvency proceedings on the case's page: what is known of them, and the staff's form that
records the opening judgment."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "insolvency.title": ("Procédure collective", "Insolvency proceedings"),
    "insolvency.kind": ("Procédure", "Proceedings"),
    "insolvency.kind.sauvegarde": ("Sauvegarde", "Safeguard"),
    "insolvency.kind.redressement": ("Redressement judiciaire", "Judicial reorganisation"),
    "insolvency.kind.liquidation": ("Liquidation judiciaire", "Judicial liquidation"),
    "insolvency.opened": ("jugement d'ouverture du {day}", "opening judgment of {day}"),
    "insolvency.published": ("publié au BODACC le {day}", "published in the BODACC on {day}"),
    "insolvency.from_bodacc": (
        "relevé par la veille automatique du BODACC (annonce {notice}, {court})",
        "found by the automatic BODACC watch (notice {notice}, {court})",
    ),
    "insolvency.unpublished": ("publication au BODACC pas encore connue", "BODACC publication not known yet"),
    "insolvency.deadline": ("Délai de déclaration", "Claim deadline"),
    "insolvency.text": (
        "Tous les dossiers de ce débiteur en recouvrement, pour tous les créanciers, passent en déclaration de "
        "créance : les relances et les actions s'arrêtent (art. L622-21 C. com.).",
        "Every case of this debtor under collection, for every creditor, moves to claim declaration: reminders and "
        "actions stop (art. L622-21 C. com.).",
    ),
    "insolvency.opened_on": ("Date du jugement d'ouverture", "Date of the opening judgment"),
    "insolvency.published_on": ("Date de publication au BODACC (facultative)", "Date of the BODACC notice (optional)"),
    "insolvency.field.published_on": ("Date de publication au BODACC", "Date of the BODACC notice"),
    "insolvency.published_on.hint": (
        "Les deux mois pour déclarer la créance courent de cette publication (art. L622-24 et R622-24 C. com.).",
        "The two months to declare the claim run from this notice (art. L622-24 and R622-24 C. com.).",
    ),
    "insolvency.submit": ("Enregistrer la procédure collective", "Record the insolvency proceedings"),
    "insolvency.done": (
        "Procédure collective enregistrée : {count} dossier(s) passé(s) en déclaration de créance, à déclarer au plus "
        "tard le {day}.",
        "Insolvency proceedings recorded: {count} case(s) moved to claim declaration, to be declared by {day}.",
    ),
    "insolvency.done.undated": (
        "Procédure collective enregistrée : {count} dossier(s) passé(s) en déclaration de créance ; le délai de "
        "déclaration courra de la publication au BODACC.",
        "Insolvency proceedings recorded: {count} case(s) moved to claim declaration; the time to declare will run "
        "from the BODACC notice.",
    ),
}
