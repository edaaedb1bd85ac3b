"""The aged balance per debtor as a spreadsheet: CSV (semicolon-separated, the French Excel default) and XLSX."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook

from shared.money import round_cents

from scoring.domain.aging import bucket_labels
from scoring.service.aged_balance import DebtorLine


def _table(lines: Sequence[DebtorLine], limits: Sequence[int]) -> list[list[object]]:
    header: list[object] = ["debtor_id", "debtor", "not_due", *bucket_labels(limits), "total", "invoices"]
    rows: list[list[object]] = [header]
    for line in lines:
        balance = line.balance
        count = balance.not_due.count + sum(b.count for b in balance.buckets)
        rows.append([str(line.debtor_id), line.name, round_cents(balance.not_due.amount),
                     *[round_cents(b.amount) for b in balance.buckets], round_cents(balance.total), count])
    return rows


def to_csv(lines: Sequence[DebtorLine], limits: Sequence[int]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(_table(lines, limits))
    return buffer.getvalue()


def to_xlsx(lines: Sequence[DebtorLine], limits: Sequence[int], *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    for row in _table(lines, limits):
        sheet.append(row)
    for cells in sheet.iter_cols(min_col=3, max_col=3 + len(limits) + 1, min_row=2):
        for cell in cells:
            cell.number_format = "#,##0.00"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
