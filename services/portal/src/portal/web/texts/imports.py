"""Texts of the bulk import pages."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "nav.import": ("Importer", "Import"),
    "import.title": ("Importer des dossiers", "Import cases"),
    "import.intro": (
        "Envoyez un fichier de factures impayées : chaque ligne valable ouvre ou complète un dossier, les lignes "
        "refusées sont listées avec leur motif.",
        "Send a file of unpaid invoices: each valid row opens or completes a case; the rows refused are listed "
        "with their reason.",
    ),
    "import.file": ("Fichier à importer", "File to import"),
    "import.file_hint": (
        "CSV (séparateur point-virgule ou virgule), Excel (XLSX), FEC ou Factur-X ; 50 Mo au plus.",
        "CSV (semicolon or comma), Excel (XLSX), FEC or Factur-X; 50 MB at most.",
    ),
    "import.creditor": ("Identifiant du créancier (personnel de l'agence)", "Creditor id (agency staff)"),
    "import.submit": ("Lancer l'import", "Start the import"),
    "import.no_file": ("Choisissez un fichier à importer.", "Choose a file to import."),
    "import.too_large": ("Le fichier dépasse 50 Mo.", "The file is larger than 50 MB."),
    "import.report_title": ("Import de dossiers", "Case import"),
    "import.status.queued": ("En attente", "Queued"),
    "import.status.running": ("En cours", "Running"),
    "import.status.done": ("Terminé", "Done"),
    "import.status.failed": ("Échoué", "Failed"),
    "import.progress": ("{done} ligne(s) traitée(s) sur {rows}", "{done} of {rows} row(s) processed"),
    "import.refreshing": (
        "Cette page se met à jour toute seule jusqu'à la fin de l'import.",
        "This page updates itself until the import ends.",
    ),
    "import.rows": ("Lignes", "Rows"),
    "import.accepted": ("Acceptées", "Accepted"),
    "import.rejected": ("Refusées", "Refused"),
    "import.cases_opened": ("Dossiers ouverts", "Cases opened"),
    "import.errors": ("Lignes refusées", "Rows refused"),
    "import.col.line": ("Ligne", "Row"),
    "import.col.column": ("Colonne", "Column"),
    "import.col.reason": ("Motif", "Reason"),
    "import.error_report": ("Télécharger le rapport d'erreurs (CSV)", "Download the error report (CSV)"),
    "import.to_cases": ("Voir les dossiers", "See the cases"),
    "import.another": ("Importer un autre fichier", "Import another file"),
    "import.columns": ("Colonnes reconnues", "Columns we read"),
    "import.columns.intro": (
        "Une ligne par facture. L'en-tête est la première ligne qui nomme au moins deux de ces colonnes, dans "
        "n'importe quel ordre, en français ou en anglais, sans souci des majuscules ni des accents ; les autres "
        "colonnes sont ignorées. Les lignes d'une même référence de dossier forment un seul dossier.",
        "One row per invoice. The header is the first row naming at least two of these columns, in any order, in "
        "French or in English, whatever the capitals or accents; other columns are ignored. The rows of one case "
        "reference make one case.",
    ),
    "import.columns.header": ("En-tête", "Header"),
    "import.columns.holds": ("Contenu", "What it holds"),
    "import.columns.required": ("obligatoire", "required"),
    "import.holds.number": ("le numéro de la facture", "the invoice's number"),
    "import.holds.issue_date": ("jj/mm/aaaa ou aaaa-mm-jj", "dd/mm/yyyy or yyyy-mm-dd"),
    "import.holds.due_date": ("jj/mm/aaaa ou aaaa-mm-jj", "dd/mm/yyyy or yyyy-mm-dd"),
    "import.holds.amount": (
        "1 234,56 (ou 1234.56 dans un fichier à virgules)",
        "1234.56 (or 1 234,56 in a French file)",
    ),
    "import.holds.name": ("le nom ou la raison sociale du débiteur", "the debtor's name or company name"),
    "import.holds.reference": (
        "votre référence ; à défaut, le numéro de facture",
        "your reference; failing that, the invoice number",
    ),
    "import.holds.outstanding": (
        "ce qui reste dû, si la facture est en partie payée",
        "what is left to pay, when the invoice is part paid",
    ),
    "import.holds.vat": ("le montant de la TVA", "the amount of VAT"),
    "import.holds.currency": ("code ISO (EUR par défaut)", "ISO code (EUR by default)"),
    "import.holds.kind": ("professionnel ou particulier (b2b, b2c)", "business or consumer (b2b, b2c)"),
    "import.holds.siren": ("9 chiffres", "9 digits"),
    "import.holds.siret": ("14 chiffres", "14 digits"),
    "import.holds.vat_number": (
        "le numéro de TVA (FR et 11 caractères pour une société française)",
        "the VAT number (FR and 11 characters for a French company)",
    ),
    "import.holds.legal_form": ("SARL, SAS…", "SARL, SAS…"),
    "import.holds.email": ("l'adresse e-mail du débiteur", "the debtor's e-mail address"),
    "import.holds.phone": ("son numéro de téléphone", "its phone number"),
    "import.holds.line1": ("numéro et rue", "number and street"),
    "import.holds.line2": ("bâtiment, étage…", "building, floor…"),
    "import.holds.postal_code": ("le code postal", "the postal code"),
    "import.holds.city": ("la ville", "the city"),
    "import.holds.country": ("France par défaut ; nom ou code ISO", "France by default; name or ISO code"),
    "import.holds.language": (
        "langue des courriers : français (par défaut) ou anglais",
        "language of letters: French (the default) or English",
    ),
    "import.control_total": ("Total confié (reste dû)", "Total placed (still owed)"),
    "import.control_total.hint": (
        "Le total confié additionne ce que les factures acceptées laissent dû (leur reste dû, sinon leur montant TTC), "
        "par devise : comparez-le au total de votre balance pour vérifier que tout est arrivé.",
        "The total placed adds up what the accepted invoices leave owed (their outstanding, else their amount "
        "including VAT), per currency: compare it with your ledger's total to check everything arrived.",
    ),
}
