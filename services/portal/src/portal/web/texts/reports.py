"""Texts of the aged balance dashboard and of the creditor's reports."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "aged.title": ("Balance âgée", "Aged balance"),
    "aged.intro": (
        "Ce qui reste dû sur les dossiers en cours, par ancienneté du retard, au {day}.",
        "What remains due on open cases, by how long it is overdue, as of {day}.",
    ),
    "aged.chart": ("Montants dus par ancienneté du retard", "Amounts due by age of the arrears"),
    "aged.not_due": ("Non échu", "Not yet due"),
    "aged.bucket": ("{label} jours", "{label} days"),
    "aged.col.bucket": ("Ancienneté", "Age"),
    "aged.col.amount": ("Montant", "Amount"),
    "aged.col.count": ("Factures", "Invoices"),
    "aged.total": ("Total", "Total"),
    "aged.export_csv": ("Exporter par débiteur (CSV)", "Export by debtor (CSV)"),
    "aged.export_xlsx": ("Exporter par débiteur (Excel)", "Export by debtor (Excel)"),
    "aged.empty": ("Aucun montant dû pour le moment.", "Nothing due at the moment."),
    "report.title": ("Rapports", "Reports"),
    "report.intro": (
        "Ce qui a été confié à l'agence, recouvré et reversé, par mois et par débiteur.",
        "What was placed with the agency, collected and remitted, by month and by debtor.",
    ),
    "report.truncated": (
        "Le rapport porte sur les 5 000 derniers dossiers, paiements et reversements.",
        "The report covers the latest 5,000 cases, payments and remittances.",
    ),
    "report.placed": ("Montants confiés", "Amounts placed"),
    "report.collected": ("Montants recouvrés", "Amounts collected"),
    "report.rate": ("Taux de recouvrement", "Recovery rate"),
    "report.average_days": ("Délai moyen de recouvrement", "Average days to collect"),
    "report.commission": ("Commission", "Commission"),
    "report.remitted": ("Reversements reçus", "Remittances received"),
    "report.days": ("{value} j", "{value} days"),
    "report.by_month": ("Par mois", "By month"),
    "report.by_debtor": ("Par débiteur", "By debtor"),
    "report.col.month": ("Mois", "Month"),
    "report.col.debtor": ("Débiteur", "Debtor"),
    "report.col.cases": ("Dossiers", "Cases"),
    "report.col.placed": ("Confiés", "Placed"),
    "report.col.collected": ("Recouvrés", "Collected"),
    "report.col.rate": ("Taux", "Rate"),
    "report.col.days": ("Délai moyen", "Average days"),
    "report.col.remitted": ("Reversés", "Remitted"),
    "report.export_csv": ("Télécharger le rapport (CSV)", "Download the report (CSV)"),
    "report.export_xlsx": ("Télécharger le rapport (Excel)", "Download the report (Excel)"),
    "report.empty": ("Rien à montrer pour le moment.", "Nothing to show yet."),
    "report.disputes": ("Litiges par motif", "Disputes by reason"),
    "report.disputes.intro": (
        "Ce que les débiteurs ont contesté, et ce qu'il en est advenu : un motif qui revient, des créances "
        "annulées ou des pièces jugées insuffisantes montrent ce qui peut être corrigé en amont (livraisons, tarifs, "
        "commandes). Maintenus : la créance est confirmée ; annulés : le débiteur avait raison. Le délai court de "
        "l'ouverture du litige à sa décision.",
        "What debtors contested, and what came of it: a reason that keeps coming back, claims cancelled or documents "
        "judged insufficient show what can be put right upstream (deliveries, prices, orders). Maintained: the claim "
        "stands; cancelled: the debtor was right. The days run from the dispute's opening to its decision.",
    ),
    "report.disputes.none": ("Aucun litige pour le moment.", "No dispute so far."),
    "report.disputes.col.reason": ("Motif", "Reason"),
    "report.disputes.col.opened": ("Ouverts", "Opened"),
    "report.disputes.col.open": ("En cours", "Open"),
    "report.disputes.col.upheld": ("Maintenus", "Maintained"),
    "report.disputes.col.cancelled": ("Annulés", "Cancelled"),
    "report.disputes.col.days": ("Délai moyen", "Average days"),
    "report.disputes.col.insufficient": ("Pièces insuffisantes", "Documents insufficient"),
    "report.disputes.unspecified": ("Motif non précisé", "Reason not given"),
    "report.disputes.total": ("Total", "Total"),
}
