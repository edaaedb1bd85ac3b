"""The report's Excel workbook: the CSV's rows, figures as numbers, and a debtor's name that looks like a formula
kept as text (never run by the spreadsheet)."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook

from portal.web.report_xlsx import report_xlsx
from portal.web.reports import CSV_COLUMNS, Line, Report, headings


def test_the_workbook_holds_the_reports_rows_with_numbers_and_formula_looking_names_as_text():
    rogue = Line(key='=HYPERLINK("http://evil.example","clic")', placed=Decimal("1200.00"), cases=1)
    month = Line(key="2026-11", placed=Decimal("1200.00"), cases=1, collected=Decimal("600.00"), days=[10])
    total = Line(key="total", placed=Decimal("1200.00"), cases=1, collected=Decimal("600.00"))
    report = Report(total=total, months=[month], debtors=[rogue], truncated=False)

    sheet = load_workbook(io.BytesIO(report_xlsx(report))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    debtor = next(row for row in sheet.iter_rows() if row[0].value == "debtor")

    assert rows[0] == headings("en") and len(rows[0]) == len(CSV_COLUMNS) and sheet.title == "Report"
    assert rows[1][:7] == ["month", "2026-11", 1, 1200, 600, 50, 10]
    assert debtor[1].data_type == "s" and debtor[1].value == rogue.key  # text, not a formula
    assert debtor[3].number_format == "#,##0.00"
    assert rows[-1][0] == "total"


def test_a_french_workbook_is_headed_in_french():
    total = Line(key="total", placed=Decimal("1200.00"), cases=1, collected=Decimal("600.00"))
    sheet = load_workbook(
        io.BytesIO(report_xlsx(Report(total=total, months=[], debtors=[], truncated=False), "fr"))
    ).active
    assert sheet.title == "Rapport" and sheet["A1"].value == "Rubrique" and sheet["B1"].value == "Mois ou débiteur"
