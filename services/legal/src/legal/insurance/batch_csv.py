"""The assignment batch as the factor imports it (docs/rules.md §8: no statutory format; the usual bordereau lists
each invoice): one row per receivable, semicolon-separated, amounts with a decimal point, ISO dates, then a TOTAL
row with the control totals (how many receivables, their sum), which the factor checks before crediting.

Debtor names come from creditors: a cell a spreadsheet would read as a formula (=, +, -, @, tab, carriage return
first) is neutralised with a leading apostrophe (OWASP's advice on CSV injection)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from shared.spreadsheets import neutralised

from legal.domain.factoring import control_totals

HEADER = (
    "bordereau",
    "contrat",
    "ligne",
    "reference_dossier",
    "numero_facture",
    "date_facture",
    "date_echeance",
    "siren_debiteur",
    "debiteur",
    "montant_facture",
    "montant_cede",
    "devise",
)


@dataclass(frozen=True)
class BatchRow:
    line: int
    case_reference: str
    invoice_number: str
    issue_date: date
    due_date: date
    debtor_siren: str | None
    debtor_name: str
    amount: Decimal
    assigned_amount: Decimal
    currency: str


def batch_csv(*, number: str, contract_number: str, currency: str, rows: Sequence[BatchRow]) -> str:
    totals = control_totals([row.assigned_amount for row in rows])
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(
            [
                number,
                neutralised(contract_number),
                row.line,
                neutralised(row.case_reference),
                neutralised(row.invoice_number),
                row.issue_date.isoformat(),
                row.due_date.isoformat(),
                row.debtor_siren or "",
                neutralised(row.debtor_name),
                f"{row.amount:.2f}",
                f"{row.assigned_amount:.2f}",
                row.currency,
            ]
        )
    # the control totals: the count where the rows give their case reference, the sum under the assigned amounts
    trailer = [number, neutralised(contract_number), "TOTAL", totals.count, *[""] * 6, f"{totals.total:.2f}", currency]
    writer.writerow(trailer)
    return buffer.getvalue()
