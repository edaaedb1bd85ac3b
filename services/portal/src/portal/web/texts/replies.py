"""Texts of the debtors' replies to our e-mails: the queue, the case's section, each reply's card."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "replies.title": ("Réponses des débiteurs", "Debtors' replies"),
    "replies.intro": (
        "Ce que les débiteurs ont répondu à nos e-mails, les réponses non lues d'abord, la plus ancienne en tête. "
        "Après une réponse, les relances automatiques de ce débiteur marquent la même pause qu'après un appel, le "
        "temps de lui répondre.",
        "What debtors answered to our e-mails, the unread first, the oldest at the top. After a reply, that debtor's "
        "automatic reminders pause as after a call, giving time to answer.",
    ),
    "replies.card": (
        "Ce que les débiteurs ont répondu à nos e-mails, à lire et à traiter.",
        "What debtors answered to our e-mails, to read and act on.",
    ),
    "replies.none": ("Aucune réponse de débiteur.", "No reply from a debtor."),
    "replies.count": (
        "{unread} réponse(s) non lue(s) sur {total}",
        "{unread} unread reply(ies) of {total}",
    ),
    "replies.caption": ("Réponses reçues", "Replies received"),
    "replies.unread": ("Non lue", "Unread"),
    "replies.from": ("De {sender}, reçue le {when}", "From {sender}, received on {when}"),
    "replies.answers": ("En réponse à « {subject} »", "Answering “{subject}”"),
    "replies.case": ("Dossier {reference}", "Case {reference}"),
    "replies.subject": ("Objet", "Subject"),
    "replies.attachments": ("Pièces jointes", "Attachments"),
    "replies.size": ("{size} Ko", "{size} KB"),
    "replies.original": ("Télécharger le message reçu (.eml)", "Download the message received (.eml)"),
    "replies.mark_read": ("Marquer comme lue", "Mark as read"),
    "replies.read": ("Lue le {when} par {who}", "Read on {when} by {who}"),
    "replies.done": ("Réponse marquée comme lue.", "Reply marked as read."),
    "replies.empty_text": ("(message sans texte : voir le message reçu)", "(no text: see the message received)"),
    "replies.previous": ("Réponses précédentes", "Previous replies"),
    "replies.next": ("Réponses suivantes", "Next replies"),
    "case.replies": ("Réponses du débiteur", "The debtor's replies"),
    "debtor.reply.received": ("Votre message du {day} nous est bien parvenu.", "Your message of {day} reached us."),
    "debtor.reply.read": (" Un conseiller l'a lu le {day}.", " An adviser read it on {day}."),
    "debtor.reply.answered": (" Nous y avons répondu par e-mail le {day}.", " We answered it by e-mail on {day}."),
    "replies.no_subject": ("(sans objet)", "(no subject)"),
    "replies.topics": ("D'après ses mots", "From its own words"),
    "replies.topic.paid": ("dit avoir payé", "says it paid"),
    "replies.topic.dispute": ("conteste", "disputes"),
    "replies.topic.plan": ("demande un échéancier", "asks for a payment plan"),
    "replies.topic.documents": ("demande un document", "asks for a document"),
    "replies.not_kept": (
        "Message trop lourd : seuls son en-tête et son texte sont conservés, pas ses pièces jointes. Demandez-les au "
        "débiteur sur son espace en ligne.",
        "Message too heavy: only its headers and text are kept, not its attachments. Ask the debtor for them on its "
        "online page.",
    ),
    "replies.unfiled": (
        "Rattachée à aucun dossier : ce message ne répond à aucun de nos e-mails.",
        "Filed under no case: this message answers none of our e-mails.",
    ),
    "replies.file.case": ("Dossier auquel la rattacher", "Case to file it under"),
    "replies.file.hint": (
        "Sa référence, ou son identifiant (dans l'adresse de sa page) quand plusieurs dossiers ont la même référence.",
        "Its reference, or its id (in its page's address) when several cases share the reference.",
    ),
    "replies.file.submit": ("Rattacher au dossier", "File under the case"),
    "replies.file.done": ("Réponse rattachée au dossier.", "Reply filed under the case."),
    "replies.answer": ("Répondre au débiteur", "Answer the debtor"),
    "replies.answer.text": ("Votre réponse, envoyée à {sender}", "Your answer, sent to {sender}"),
    "replies.answer.hint": (
        "Envoyée par e-mail au nom de l'agence, en réponse à son message, avec notre signature ; la réponse du "
        "débiteur reviendra sur ce dossier.",
        "Sent by e-mail on the agency's behalf, answering its message, with our signature; the debtor's answer will "
        "come back to this case.",
    ),
    "replies.answer.send": ("Envoyer la réponse", "Send the answer"),
    "replies.answer.on_case": ("Répondre depuis la page du dossier", "Answer from the case's page"),
    "replies.answered": ("Répondu le {when} par {who}", "Answered on {when} by {who}"),
    "replies.answer.prepared": ("envoi en cours", "being sent"),
    "replies.answer.sent": ("envoyée", "sent"),
    "replies.answer.bounced": ("non remise", "not delivered"),
    "replies.answer.failed": ("échec de l'envoi", "sending failed"),
    "replies.answer.done": (
        "Réponse enregistrée : elle part au prochain passage des envois.",
        "Answer saved: it leaves with the next sending pass.",
    ),
    "worklist.replies": ("{count} réponse(s) de débiteurs à lire", "{count} reply(ies) from debtors to read"),
}
