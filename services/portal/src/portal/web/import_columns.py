"""The columns an import reads, as the import page lists them for a creditor preparing its file: a header to write
(in French and in English: intake reads both, in any order, case or accents), what the column holds, and whether a
row needs it. A test checks every header here is one intake recognises for that field, and that every field intake
reads is listed (`intake.imports.headers`)."""

from __future__ import annotations

from typing import NamedTuple


class ImportColumn(NamedTuple):
    field: str  # intake's name for it
    header_fr: str
    header_en: str
    required: bool


COLUMNS = (
    ImportColumn("number", "N° facture", "Invoice number", True),
    ImportColumn("issue_date", "Date facture", "Invoice date", True),
    ImportColumn("due_date", "Date d'échéance", "Due date", True),
    ImportColumn("amount", "Montant TTC", "Amount incl. VAT", True),
    ImportColumn("name", "Raison sociale", "Debtor name", True),
    ImportColumn("reference", "Référence dossier", "Case reference", False),
    ImportColumn("outstanding", "Reste dû", "Amount outstanding", False),
    ImportColumn("vat", "TVA", "VAT amount", False),
    ImportColumn("currency", "Devise", "Currency", False),
    ImportColumn("kind", "Type", "Customer type", False),
    ImportColumn("siren", "SIREN", "SIREN", False),
    ImportColumn("siret", "SIRET", "SIRET", False),
    ImportColumn("vat_number", "TVA intracommunautaire", "VAT number", False),
    ImportColumn("legal_form", "Forme juridique", "Legal form", False),
    ImportColumn("email", "E-mail", "Email", False),
    ImportColumn("phone", "Téléphone", "Phone", False),
    ImportColumn("line1", "Adresse", "Address", False),
    ImportColumn("line2", "Complément d'adresse", "Address line 2", False),
    ImportColumn("postal_code", "Code postal", "Postal code", False),
    ImportColumn("city", "Ville", "City", False),
    ImportColumn("country", "Pays", "Country", False),
    ImportColumn("language", "Langue", "Language", False),
)
