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
}
