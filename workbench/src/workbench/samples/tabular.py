"""Sample spreadsheets: French CSV (Windows-1252 or UTF-8 with BOM), international CSV, and XLSX."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, BinaryIO

from openpyxl import Workbook

from .rows import FIELDS, Row, good_rows

FRENCH_HEADERS = {
    "reference": "Référence dossier",
    "kind": "Type",
    "name": "Raison sociale",
    "legal_form": "Forme juridique",
    "siren": "SIREN",
    "siret": "SIRET",
    "vat_number": "TVA intracommunautaire",
    "email": "Courriel",
    "phone": "Téléphone",
    "line1": "Adresse",
    "line2": "Complément d'adresse",
    "postal_code": "Code postal",
    "city": "Ville",
    "country": "Pays",
    "number": "N° facture",
    "issue_date": "Date facture",
    "due_date": "Date d'échéance",
    "amount": "Montant TTC",
    "vat": "TVA",
    "outstanding": "Reste dû",
    "currency": "Devise",
}
ENGLISH_HEADERS = {
    "reference": "Reference",
    "kind": "Type",
    "name": "Debtor name",
    "legal_form": "Legal form",
    "siren": "SIREN",
    "siret": "SIRET",
    "vat_number": "VAT number",
    "email": "Email",
    "phone": "Phone",
    "line1": "Address",
    "line2": "Address line 2",
    "postal_code": "Postal code",
    "city": "City",
    "country": "Country",
    "number": "Invoice number",
    "issue_date": "Issue date",
    "due_date": "Due date",
    "amount": "Amount",
    "vat": "VAT amount",
    "outstanding": "Outstanding",
    "currency": "Currency",
}


def french_csv(rows: Sequence[Row] | None = None, *, encoding: str = "cp1252", fields: Sequence[str] = FIELDS) -> bytes:
    """`;`-separated, `1 234,56` (no-break space), dd/mm/yyyy; `encoding` "cp1252" or "utf-8-sig"."""
    out = io.BytesIO()
    write_french_csv(out, good_rows() if rows is None else rows, encoding=encoding, fields=fields)
    return out.getvalue()


def write_french_csv(
    out: BinaryIO, rows: Iterable[Row], *, encoding: str = "cp1252", fields: Sequence[str] = FIELDS
) -> None:
    """Writes as it goes, so a generator of rows makes a file of any size in little memory."""
    _write(out, rows, fields, FRENCH_HEADERS, delimiter=";", encoding=encoding, french=True)


def international_csv(rows: Sequence[Row] | None = None, *, fields: Sequence[str] = FIELDS) -> bytes:
    """`,`-separated UTF-8, `1234.56`, yyyy-mm-dd, English headers."""
    out = io.BytesIO()
    _write(
        out,
        good_rows() if rows is None else rows,
        fields,
        ENGLISH_HEADERS,
        delimiter=",",
        encoding="utf-8",
        french=False,
    )
    return out.getvalue()


def xlsx(rows: Sequence[Row] | None = None, *, fields: Sequence[str] = FIELDS) -> bytes:
    """French headers; Decimal and date values become real number and date cells, strings stay text."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Factures"
    sheet.append([FRENCH_HEADERS[field] for field in fields])
    for row in good_rows() if rows is None else rows:
        sheet.append([row.get(field) for field in fields])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _write(
    out: BinaryIO,
    rows: Iterable[Row],
    fields: Sequence[str],
    headers: dict[str, str],
    *,
    delimiter: str,
    encoding: str,
    french: bool,
) -> None:
    # Windows-1252 has no narrow no-break space (U+202F): Excel then writes the plain one (U+00A0).
    thousands = ("\u202f" if encoding.startswith("utf") else "\u00a0") if french else None
    text = io.TextIOWrapper(out, encoding=encoding, newline="", write_through=True)
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([headers[field] for field in fields])
    for row in rows:
        writer.writerow([_formatted(row.get(field), thousands) for field in fields])
    text.flush()
    text.detach()  # leaves `out` open for the caller


def _formatted(value: Any, thousands: str | None) -> str:
    """French when `thousands` (the thousands separator) is given, international otherwise."""
    if isinstance(value, Decimal):
        return f"{value:,.2f}".replace(",", thousands).replace(".", ",") if thousands else f"{value:.2f}"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y") if thousands else value.isoformat()
    return "" if value is None else str(value)
