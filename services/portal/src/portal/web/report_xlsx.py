"""The creditor's report as an Excel workbook, beside its CSV: the same rows and columns, figures as numbers (money
with two decimals), and every text cell typed as text, so that a debtor's name such as "=HYPERLINK(...)" is shown,
never run as a formula (the workbook's own form of the CSV's neutralising quote)."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

from portal.web.reports import CSV_COLUMNS, Line, Report, headings, section_name

MONEY_FORMAT = "#,##0.00"
MONEY_COLUMNS = frozenset({"placed", "collected", "commission", "remitted"})


def report_xlsx(report: Report, language: str = "en") -> bytes:
    """One sheet, one row per month, per debtor, and the total: the CSV's layout, headed in `language`."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = "Rapport" if language == "fr" else "Report"
    sheet.append(headings(language))
    sections = [("month", line) for line in report.months] + [("debtor", line) for line in report.debtors]
    for section, line in [*sections, ("total", report.total)]:
        row = sheet.max_row + 1
        values = _values(section_name(section, language), section, line)
        for column, (name, value) in enumerate(zip(CSV_COLUMNS, values, strict=True), start=1):
            cell = sheet.cell(row=row, column=column)
            if isinstance(value, str):
                cell.value = value
                cell.data_type = TYPE_STRING  # set after the value: openpyxl reads "=..." as a formula
            else:
                cell.value = value
                if name in MONEY_COLUMNS and value is not None:
                    cell.number_format = MONEY_FORMAT
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _values(named: str, section: str, line: Line) -> list[str | int | Decimal | None]:
    return [
        named,
        line.key,
        line.cases,
        line.placed,
        line.collected,
        line.recovery_rate,
        line.average_days,
        line.commission,
        line.remitted if section != "debtor" else None,
    ]
