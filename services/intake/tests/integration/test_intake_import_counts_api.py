"""What an import report counts (issue 12): lines of the file, not problems, and a header found below the title
an export puts above it, the report's line numbers still the file's."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from workbench import samples


def upload(api, content: bytes, name: str, language: str = "en") -> dict:
    response = api.client.post("/api/v1/imports", files={"file": (name, io.BytesIO(content))}, headers=api.creditor)
    assert response.status_code == 202, response.text
    report = api.client.get(
        f"/api/v1/imports/{response.json()['id']}", headers={**api.creditor, "Accept-Language": language}
    )
    assert report.status_code == 200, report.text
    return report.json()


def three_rows_one_with_two_bad_cells() -> list[dict]:
    first, second, third = samples.good_rows()[:3]
    return [first, {**second, "due_date": "pas de date", "amount": "abc"}, third]


def with_title(content: bytes, title: str) -> bytes:
    """The workbook with a title row and a blank row above its header."""
    book = load_workbook(io.BytesIO(content))
    sheet = book.active
    sheet.insert_rows(1, amount=2)
    sheet["A1"] = title
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_row_with_two_bad_cells_counts_as_one_rejected_row_listing_both_errors(api):
    report = upload(api, samples.xlsx(three_rows_one_with_two_bad_cells()), "balance.xlsx")
    assert (report["status"], report["rows"], report["accepted"], report["rejected"]) == ("done", 3, 2, 1), report
    assert {(error["line"], error["column"]) for error in report["errors"]} == {
        (3, "Date d'échéance"),
        (3, "Montant TTC"),
    }


def test_a_csv_row_with_two_bad_cells_counts_once_too(api):
    report = upload(api, samples.french_csv(three_rows_one_with_two_bad_cells()), "balance.csv")
    assert (report["rows"], report["accepted"], report["rejected"]) == (3, 2, 1), report
    assert len(report["errors"]) == 2


def test_a_workbook_with_a_title_line_above_its_header_imports_with_the_sheets_line_numbers(api):
    content = with_title(samples.xlsx(three_rows_one_with_two_bad_cells()), "Balance âgée au 30/11/2026")
    report = upload(api, content, "balance-agee.xlsx", language="fr")
    assert (report["status"], report["failure"]) == ("done", None), report
    assert (report["rows"], report["accepted"], report["rejected"]) == (3, 2, 1), report
    assert {error["line"] for error in report["errors"]} == {5}
    assert all("lisible" in error["reason"] for error in report["errors"]), report["errors"]


def test_the_report_gives_the_control_total_per_currency_of_what_the_accepted_invoices_leave_owed(api):
    """The creditor checks what was placed against its ledger: the outstanding when the file gives one (5,000.00 of
    12,345.00), else the amount; a refused line counts for nothing; each currency apart."""
    rows = [*samples.good_rows(), {**samples.good_rows()[0], "number": "F-REFUSED", "amount": "douze"}]
    report = upload(api, samples.french_csv(rows), "balance.csv")
    assert (report["accepted"], report["rejected"]) == (4, 1), report
    assert report["accepted_amounts"] == [
        {"currency": "CHF", "amount": "2500.00"},
        {"currency": "EUR", "amount": "6324.46"},  # 1,234.56 + 5,000.00 + 89.90
    ]
