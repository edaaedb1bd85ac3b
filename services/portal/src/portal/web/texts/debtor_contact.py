"""Texts of the channels a debtor refuses, on its page and, for staff, on the case's page."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "debtor.contact": ("Comment nous vous contactons", "How we contact you"),
    "debtor.contact.text": (
        "Si vous ne souhaitez plus être contacté par l'un de ces moyens, cochez-le : ce choix vaut pour tous vos "
        "dossiers, et nous poursuivons par les autres moyens.",
        "If you no longer wish to be contacted by one of these means, tick it: the choice holds for all your cases, "
        "and we go on by the other means.",
    ),
    "debtor.details": ("Vos coordonnées", "Your contact details"),
    "debtor.details.text": (
        "L'adresse e-mail et le numéro où vous préférez être joint, s'ils ont changé : nous les utiliserons pour ce "
        "dossier et les autres dossiers du même créancier.",
        "The e-mail address and number where you would rather be reached, if they changed: we will use them for this "
        "case and the creditor's other cases.",
    ),
    "debtor.details.bounced": (
        "Notre dernier e-mail à l'adresse ci-dessous ne vous est pas parvenu : indiquez-nous une adresse qui "
        "fonctionne.",
        "Our last e-mail to the address below did not reach you: give us one that works.",
    ),
    "debtor.details.email": ("Adresse e-mail", "E-mail address"),
    "debtor.details.phone": ("Téléphone", "Phone"),
    "debtor.details.submit": ("Enregistrer mes coordonnées", "Save my contact details"),
    "debtor.details.sent": ("C'est noté : nous vous joindrons à ces coordonnées.", "Noted: we will reach you there."),
    "debtor.details.empty": (
        "Indiquez une adresse e-mail ou un numéro de téléphone.",
        "Give an e-mail address or a phone number.",
    ),
    "debtor.contact.legend": ("Ne plus me contacter par", "No longer contact me by"),
    "debtor.contact.email": ("e-mail", "e-mail"),
    "debtor.contact.sms": ("SMS", "text message (SMS)"),
    "debtor.contact.phone": ("téléphone", "phone"),
    "debtor.contact.letter": ("courrier simple", "ordinary letter"),
    "debtor.contact.since": ("depuis le {day}", "since {day}"),
    "debtor.contact.kept": (
        "La mise en demeure et les lettres recommandées vous sont toujours envoyées : c'est ainsi que la loi permet "
        "de vous mettre en demeure. Un rappel que vous demandez est toujours passé.",
        "The formal notice and registered letters are still sent to you: that is how the law allows you to be put on "
        "notice. A call-back you ask for is always made.",
    ),
    "debtor.contact.submit": ("Enregistrer mes choix", "Save my choices"),
    "debtor.contact.sent": (
        "C'est noté : vos choix sont enregistrés, pour tous vos dossiers.",
        "Noted: your choices are saved, for all your cases.",
    ),
    "contacts.correct": ("Corriger les coordonnées", "Correct the contact details"),
    "contacts.text": (
        "Une adresse e-mail revenue en erreur, un nouveau numéro, un déménagement : la correction vaut pour tous vos "
        "dossiers contre ce débiteur, et le prochain envoi en tient compte. Videz un champ pour l'oublier.",
        "An e-mail address that bounced, a new number, a move: the correction holds for all your cases against this "
        "debtor, and the next message follows it. Empty a field to forget it.",
    ),
    "contacts.came_back.email": (
        "Le dernier e-mail, envoyé à {address} le {day}, n'a pas été remis : corrigez l'adresse ci-dessous.",
        "The last e-mail, sent to {address} on {day}, was not delivered: correct the address below.",
    ),
    "contacts.came_back.sms": (
        "Le dernier SMS, envoyé le {day}, n'a pas été remis : corrigez le numéro ci-dessous.",
        "The last text message, sent on {day}, was not delivered: correct the number below.",
    ),
    "contacts.came_back.letter": (
        "Le dernier courrier, envoyé le {day}, est revenu : corrigez l'adresse postale ci-dessous.",
        "The last letter, sent on {day}, came back: correct the postal address below.",
    ),
    "contacts.came_back.formal_notice": (
        "La mise en demeure envoyée le {day} est revenue : corrigez l'adresse postale ci-dessous.",
        "The formal notice sent on {day} came back: correct the postal address below.",
    ),
    "contacts.language_chosen": (
        "Le débiteur a choisi cette langue sur sa page : elle prime sur la vôtre.",
        "The debtor chose this language on its page: it outranks yours.",
    ),
    "contacts.line2": ("Complément d'adresse", "Address line 2"),
    "contacts.country": ("Pays", "Country"),
    "contacts.country.hint": ("Code à deux lettres : FR, BE, GB…", "Two-letter code: FR, BE, GB…"),
    "contacts.submit": ("Enregistrer les coordonnées", "Save the contact details"),
    "contacts.done": ("Coordonnées du débiteur corrigées.", "The debtor's contact details are corrected."),
    "came_back.title": ("Coordonnées à corriger", "Contact details to correct"),
    "came_back.intro": (
        "Les dossiers dont le dernier e-mail n'a pas été remis ou dont le dernier courrier est revenu, à une adresse "
        "que vous n'avez pas encore corrigée. Les relances sur ce canal attendent la correction.",
        "The cases whose last e-mail was not delivered or whose last letter came back, to an address not corrected "
        "yet. Reminders on that channel wait for the correction.",
    ),
    "came_back.card": (
        "E-mails non remis et courriers revenus, à corriger dossier par dossier.",
        "E-mails not delivered and letters returned, to correct case by case.",
    ),
    "came_back.none": ("Aucune coordonnée à corriger.", "No contact details to correct."),
    "came_back.count": ("{count} dossier(s) à corriger", "{count} case(s) to correct"),
    "came_back.caption": ("Coordonnées revenues en erreur", "Contact details that came back"),
    "came_back.col.case": ("Dossier", "Case"),
    "came_back.col.what": ("Ce qui est revenu", "What came back"),
    "came_back.col.to": ("Envoyé à", "Sent to"),
    "came_back.col.when": ("Envoyé le", "Sent on"),
    "came_back.email": ("E-mail non remis", "E-mail not delivered"),
    "came_back.letter": ("Courrier revenu", "Letter returned"),
    "case.opted_out": ("Ne plus contacter par", "Not to be contacted by"),
    "case.opted_out.item": ("{channel} (depuis le {day})", "{channel} (since {day})"),
}
