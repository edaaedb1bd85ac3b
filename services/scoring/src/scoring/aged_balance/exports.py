"""The aged balance per debtor as a spreadsheet: CSV and XLSX.

Debtor names come from creditors, so a name that a spreadsheet would read as a formula (=, +, -, @, tab,
carriage return first) is neutralised with a leading apostrophe (OWASP's advice on CSV injection). The CSV
comes in two dialects: `fr` (semicolons and a decimal comma, what French Excel opens directly) and `intl`
(commas and a decimal point). XLSX amounts are numbers formatted `#,##0.00`, so that they add up. The first row
names the columns with keys (`debtor_id`, `not_due` ...) for a program, or with headings in French or English for a
person (`Labels`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Literal

from openpyxl import Workbook

from shared.money import round_cents
from shared.spreadsheets import neutralised

from scoring.aged_balance.balances import DebtorLine
from scoring.domain.aging import bucket_labels

Dialect = Literal["fr", "intl"]
Labels = Literal["keys", "fr", "en"]
AMOUNT_FORMAT = "#,##0.00"
AMOUNT_FIRST_COLUMN = 3  # debtor_id, debtor, then the amounts


_HEADINGS = {  # key: (French, English)
    "debtor_id": ("Identifiant du débiteur", "Debtor id"),
    "debtor": ("Débiteur", "Debtor"),
    "not_due": ("Non échu", "Not due"),
    "total": ("Total", "Total"),
    "invoices": ("Factures", "Invoices"),
    "currency": ("Devise", "Currency"),
}


def header(limits: Sequence[int], labels: Labels = "keys") -> list[object]:
    """The first row: keys, or headings a person reads ("0-30 j" / "0-30 days" for a bucket)."""
    keys = ["debtor_id", "debtor", "not_due"]
    buckets = bucket_labels(limits)
    if labels == "keys":
        return [*keys, *buckets, "total", "invoices", "currency"]
    say = 0 if labels == "fr" else 1
    days = " j" if labels == "fr" else " days"
    return [
        *(_HEADINGS[key][say] for key in keys),
        *(f"{bucket}{days}" for bucket in buckets),
        *(_HEADINGS[key][say] for key in ("total", "invoices", "currency")),
    ]


def sheet_title(day: date, labels: Labels = "keys") -> str:
    return f"{'Balance âgée' if labels == 'fr' else 'Aged balance'} {day.isoformat()}"


def _table(
    lines: Sequence[DebtorLine], limits: Sequence[int], currency: str, labels: Labels = "keys"
) -> list[list[object]]:
    rows: list[list[object]] = [header(limits, labels)]
    for line in lines:
        balance = line.balance
        count = balance.not_due.count + sum(b.count for b in balance.buckets)
        rows.append(
            [
                str(line.debtor_id),
                neutralised(line.name),
                round_cents(balance.not_due.amount),
                *[round_cents(b.amount) for b in balance.buckets],
                round_cents(balance.total),
                count,
                currency,
            ]
        )
    return rows


def _csv_cell(value: object, dialect: Dialect) -> object:
    if isinstance(value, Decimal) and dialect == "fr":
        return str(value).replace(".", ",")
    return value


def to_csv(
    lines: Sequence[DebtorLine],
    limits: Sequence[int],
    *,
    currency: str,
    dialect: Dialect = "fr",
    labels: Labels = "keys",
) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if dialect == "fr" else ",", lineterminator="\r\n")
    for row in _table(lines, limits, currency, labels):
        writer.writerow([_csv_cell(value, dialect) for value in row])
    return buffer.getvalue()


def to_xlsx(
    lines: Sequence[DebtorLine], limits: Sequence[int], *, currency: str, title: str, labels: Labels = "keys"
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    for row in _table(lines, limits, currency, labels):
        sheet.append(row)
    last_amount_column = AMOUNT_FIRST_COLUMN + len(limits) + 2  # not due, the buckets (limits + 1), the total
    for cells in sheet.iter_cols(min_col=AMOUNT_FIRST_COLUMN, max_col=last_amount_column, min_row=2):
        for cell in cells:
            cell.number_format = AMOUNT_FORMAT
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
