"""Texts of the disputes still open: the queue « Contestations en cours », and where the worklist and the creditor's
dashboard point to it."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "disputes.title": ("Contestations en cours", "Open disputes"),
    "disputes.intro": (
        "Les contestations des débiteurs qui ne sont pas encore tranchées, la plus ancienne en tête. Tant qu'une "
        "contestation est ouverte, aucune relance de son dossier ne part : répondez-y ou tranchez-la depuis la page "
        "du dossier.",
        "Debtors' disputes not settled yet, the oldest at the top. While a dispute is open, no reminder of its case "
        "goes out: answer or settle it from the case's page.",
    ),
    "disputes.intro.creditor": (
        "Les contestations de vos débiteurs qui ne sont pas encore tranchées, la plus ancienne en tête. Tant qu'une "
        "contestation est ouverte, les relances de son dossier sont suspendues : votre réponse, sur la page du "
        "dossier, permet à l'agence de la trancher.",
        "Your debtors' disputes not settled yet, the oldest at the top. While a dispute is open, the reminders of its "
        "case are held: your answer, on the case's page, lets the agency settle it.",
    ),
    "disputes.card": (
        "Les contestations ouvertes, la plus ancienne en tête, celles qui attendent le créancier ou l'agence.",
        "Open disputes, the oldest first, those waiting for the creditor or for the agency.",
    ),
    "disputes.filter": ("Filtrer les contestations", "Filter the disputes"),
    "disputes.filter.all": ("Toutes", "All"),
    "disputes.filter.creditor": ("En attente du créancier", "Waiting for the creditor"),
    "disputes.filter.agency": ("En attente de l'agence", "Waiting for the agency"),
    "disputes.none": ("Aucune contestation en cours.", "No open dispute."),
    "disputes.count": (
        "{total} contestation(s) ; {late} ouverte(s) depuis plus de {days} jours",
        "{total} dispute(s); {late} open for more than {days} days",
    ),
    "disputes.caption": ("Contestations ouvertes", "Open disputes"),
    "disputes.col.reason": ("Motif du débiteur", "The debtor's reason"),
    "disputes.col.opened": ("Ouverte le", "Opened on"),
    "disputes.col.move": ("À qui la main", "Whose move"),
    "disputes.days": ("depuis {days} jour(s)", "for {days} day(s)"),
    "disputes.late": ("En retard", "Late"),
    "disputes.awaiting.creditor": ("En attente de la réponse du créancier", "Waiting for the creditor's answer"),
    "disputes.awaiting.agency": (
        "Le créancier a répondu le {day} : à l'agence de trancher",
        "The creditor answered on {day}: for the agency to settle",
    ),
    "worklist.disputes": (
        "{total} contestation(s) en cours, dont {late} ouverte(s) depuis plus de {days} jours",
        "{total} open dispute(s), {late} of them open for more than {days} days",
    ),
    "dashboard.disputes": (
        "{count} contestation(s) de vos débiteurs attendent votre réponse : les relances de ces dossiers sont "
        "suspendues d'ici là.",
        "{count} dispute(s) from your debtors wait for your answer: the reminders of those cases are held until then.",
    ),
}
