"""Texts of the aged balance dashboard."""

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
}
