"""Texts of the documents that answer a dispute: a document filed with a case from its page, what a dispute asks of
the creditor and where that stands (dunning's `proof`), staff's judgement that what was filed is not enough, the
queue's column and what the debtor's page says of the documents the creditor sent."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # the form « Joindre une pièce » of a case's page (a case neither draft nor closed)
    "documents.attach.title": ("Joindre une pièce", "Attach a document"),
    "documents.attach.intro": (
        "La pièce est ajoutée au dossier (PDF, image, CSV ou Excel, 20 Mo au plus). Le débiteur peut consulter "
        "depuis sa page les pièces qui fondent la créance, jamais la correspondance.",
        "The document is filed with the case (PDF, image, CSV or Excel, 20 MB at most). The debtor can read the "
        "documents that support the claim from its page, never the correspondence.",
    ),
    "documents.attach.kind": ("Type de pièce", "Kind of document"),
    "documents.attach.file": ("Fichier", "File"),
    "documents.attach.submit": ("Joindre la pièce", "Attach the document"),
    "documents.attach.no_file": ("Choisissez le fichier à joindre.", "Choose the file to attach."),
    "documents.attach.too_large": ("Le fichier dépasse 20 Mo.", "The file is larger than 20 MB."),
    "documents.attach.done": ("La pièce est jointe au dossier.", "The document is filed with the case."),
    # a dispute's proof on the case's page: « Pièces demandées au créancier : preuve de livraison — en attente »
    "dispute.proof.asked": ("Pièces demandées au créancier", "Documents asked of the creditor"),
    "dispute.proof.or": ("ou", "or"),
    "dispute.proof.requested": ("en attente", "awaited"),
    "dispute.proof.received": ("reçue", "received"),
    "dispute.proof.received_many": ("reçues", "received"),
    "dispute.proof.filed": ("déposée le {day}", "filed on {day}"),
    "dispute.proof.insufficient": ("jugées insuffisantes le {day}", "judged insufficient on {day}"),
    "dispute.proof.attach": (
        "Vous pouvez la joindre avec le formulaire « Joindre une pièce » de la section Pièces.",
        "You can attach it with the “Attach a document” form of the Documents section.",
    ),
    "dispute.proof.judge.label": (
        "Pièces insuffisantes : ce qui manque (envoyé au créancier par e-mail)",
        "Documents insufficient: what is missing (e-mailed to the creditor)",
    ),
    "dispute.proof.judge.submit": ("Pièces insuffisantes", "Documents insufficient"),
    "dispute.proof.judge.empty": (
        "Écrivez ce qui manque au créancier avant d'envoyer.",
        "Write what the creditor is missing before sending.",
    ),
    "dispute.proof.judge.done": (
        "Les pièces sont jugées insuffisantes : le créancier reçoit par e-mail ce qui manque.",
        "The documents are judged insufficient: the creditor is e-mailed what is missing.",
    ),
    # the queue « Contestations en cours » and its exports, in short words
    "disputes.col.proof": ("Pièces", "Documents"),
    "disputes.proof.not_required": ("—", "—"),
    "disputes.proof.requested": ("en attente", "awaited"),
    "disputes.proof.received": ("reçues", "received"),
    "disputes.proof.insufficient": ("insuffisantes", "insufficient"),
    # the debtor's page, beside its open dispute: the documents the creditor sent that the page lists
    "debtor.dispute.proof": (
        "Le créancier a transmis : {documents} ; vous pouvez la consulter ci-dessous.",
        "The creditor has sent: {documents}; you can read it below.",
    ),
    "debtor.dispute.proof_asked": (
        "Pour examiner votre contestation, nous avons demandé au créancier : {documents}. Vous pourrez le consulter "
        "sur cette page dès qu'il l'aura transmis.",
        "To examine your dispute, we have asked the creditor for: {documents}. You will be able to read it on this "
        "page as soon as it is sent.",
    ),
    "debtor.dispute.proof_many": (
        "Le créancier a transmis : {documents} ; vous pouvez les consulter ci-dessous.",
        "The creditor has sent: {documents}; you can read them below.",
    ),
}
