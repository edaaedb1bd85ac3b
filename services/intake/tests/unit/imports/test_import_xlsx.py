"""Excel workbooks: typed cells or French text, read row by row from the first sheet."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook

from workbench import samples

from intake.imports import CaseRow, RowError, UnsupportedFile
from intake.imports.csv_files import parse_csv
from intake.imports.xlsx_files import parse_xlsx


def workbook(*rows: list) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def parse(data: bytes) -> list:
    return list(parse_xlsx(io.BytesIO(data)))


def test_a_workbook_with_number_and_date_cells_reads_like_the_csv():
    from_csv = parse_csv(io.BytesIO(samples.french_csv()))
    assert [case.invoices for case in parse(samples.xlsx())] == [case.invoices for case in from_csv]
    cases = parse(samples.xlsx())
    assert [case.line for case in cases] == [2, 3, 4, 5]
    assert cases[0].invoices[0].amount == Decimal("1234.56") and cases[0].invoices[0].due_date == date(2025, 2, 14)
    assert cases[0].debtor.siren == "428701981" and cases[2].debtor.address["postal_code"] == "01000"


def test_float_cells_give_exact_cents_and_whole_numbers_keep_no_decimal_point():
    header = ["N° facture", "Date facture", "Échéance", "Montant TTC", "Raison sociale", "SIREN", "Code postal"]
    data = workbook(header, [1042, datetime(2025, 1, 2), date(2025, 2, 1), 0.1 + 0.2, "ACME", 428701981, 1000])
    (case,) = parse(data)
    assert case.invoices[0].number == "1042" and case.invoices[0].amount == Decimal("0.30")
    assert case.debtor.siren == "428701981" and case.debtor.address["postal_code"] == "01000"


def test_text_cells_in_french_formats_are_read_too():
    header = ["N° facture", "Date facture", "Échéance", "Montant TTC", "Raison sociale"]
    (case,) = parse(workbook(header, ["F1", "02/01/2025", "01/02/2025", "1\u202f234,56", "ACME"]))
    assert case.invoices[0].amount == Decimal("1234.56") and case.invoices[0].issue_date == date(2025, 1, 2)


def test_bad_rows_are_reported_by_row_number_and_header_while_good_rows_come_through():
    results = parse(samples.xlsx(samples.mixed_rows()))
    assert [row.line for row in results if isinstance(row, CaseRow)] == list(samples.MIXED_GOOD_LINES)
    errors = {(error.line, error.column) for error in results if isinstance(error, RowError)}
    assert errors == {(line, samples.FRENCH_HEADERS[field]) for line, field in samples.MIXED_BAD_LINES.items()}


def test_empty_rows_between_invoices_are_skipped_and_row_numbers_stay_true():
    header = ["N° facture", "Date facture", "Échéance", "Montant TTC", "Raison sociale"]
    data = workbook(header, [None] * 5, ["F1", date(2025, 1, 2), date(2025, 2, 1), 10, "ACME"])
    assert [case.line for case in parse(data)] == [3]


def test_a_missing_required_column_is_a_file_level_error():
    results = parse(workbook(["N° facture", "Montant TTC", "Raison sociale", "Date facture"], ["F1", 10, "A", "x"]))
    assert [(error.line, error.column) for error in results] == [(1, "due date")]


def test_a_workbook_without_any_known_header_is_not_an_import_file():
    with pytest.raises(UnsupportedFile):
        parse_xlsx(io.BytesIO(workbook(["Nom du chien", "Âge"], ["Rex", 3])))
