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
    "disputes.export_csv": ("Exporter (CSV)", "Export (CSV)"),
    "disputes.export_xlsx": ("Exporter (Excel)", "Export (Excel)"),
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
    "disputes.awaiting.agency_proof": (
        "Le créancier a déposé une pièce qui y répond : à l'agence de trancher",
        "The creditor filed a document that answers it: the agency decides",
    ),
    "disputes.awaiting.agency": (
        "Le créancier a répondu le {day} : à l'agence de trancher",
        "The creditor answered on {day}: for the agency to settle",
    ),
    # what the debtor says is wrong (dunning's dispute `category`), on the debtor's form and wherever a dispute shows
    "dispute.category": ("Ce qui ne va pas", "What is wrong"),
    "dispute.category.choose": ("Choisissez ce qui ne va pas", "Choose what is wrong"),
    "dispute.category.unsaid": ("Non précisé", "Not said"),
    "dispute.category.not_received": (
        "Je n'ai pas reçu la marchandise ou la prestation",
        "I did not receive the goods or the service",
    ),
    "dispute.category.not_compliant": (
        "La marchandise ou la prestation n'est pas conforme",
        "The goods or the service were not as agreed",
    ),
    "dispute.category.wrong_amount": ("Le montant réclamé est erroné", "The amount claimed is wrong"),
    "dispute.category.not_owed": (
        "Je ne dois pas cette somme (facture inconnue, autre débiteur)",
        "I do not owe this (an unknown invoice, another debtor)",
    ),
    "dispute.category.other": ("Autre motif", "Another reason"),
    "dispute.said.not_received": ("Marchandise ou prestation non reçue", "Goods or service not received"),
    "dispute.said.not_compliant": ("Marchandise ou prestation non conforme", "Goods or service not as agreed"),
    "dispute.said.wrong_amount": ("Montant contesté", "Amount contested"),
    "dispute.said.not_owed": ("Somme non due selon le débiteur", "Not owed, the debtor says"),
    "dispute.said.other": ("Autre motif", "Another reason"),
    "dispute.resolve.debtor_message": ("Message au débiteur (facultatif)", "Message to the debtor (optional)"),
    "dispute.resolve.debtor_message.hint": (
        "Le débiteur reçoit par e-mail l'issue de sa contestation, avec ce message s'il y en a un. La note ci-dessus "
        "reste interne.",
        "The debtor is e-mailed the outcome of its dispute, with this message if there is one. The note above stays "
        "internal.",
    ),
    "dispute.told": ("Issue communiquée au débiteur par e-mail le {day}", "Outcome e-mailed to the debtor on {day}"),
    "dispute.to_tell": (
        "Issue communiquée au débiteur au prochain passage des relances",
        "Outcome e-mailed to the debtor at the next reminders' pass",
    ),
    "worklist.in_dispute": ("Litige en cours", "Dispute open"),
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
