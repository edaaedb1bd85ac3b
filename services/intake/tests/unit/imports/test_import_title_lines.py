"""Exports put a title, a date or blank lines above the header (issue 12, finding 4); the header is found below
them in CSV and XLSX files alike, and every line keeps the number it has in the file. A line with several problems
is one refused line listing them all (finding 1)."""

import io
from datetime import date

import pytest
from openpyxl import Workbook

from intake.imports import CaseRow, RejectedRow, RowError, UnsupportedFile, by_line, parse_upload
from intake.imports.headers import HEADER_SEARCH_ROWS, find_header

HEADER = ["N° facture", "Date facture", "Date d'échéance", "Montant TTC", "Raison sociale"]


def workbook(*rows: list) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read(data: bytes) -> list:
    return list(parse_upload(io.BytesIO(data)))


def test_the_header_is_the_first_row_naming_known_columns_below_a_title_and_blank_rows():
    rows = [(1, ["Balance âgée au 30/11/2026"]), (2, []), (3, HEADER), (4, ["F1", "x"])]
    found = find_header(iter(rows))
    assert found is not None and found.line == 3 and found.columns.position["amount"] == 3 and not found.columns.missing


def test_a_title_that_happens_to_be_a_known_word_does_not_hide_the_header_below_it():
    found = find_header(iter([(1, ["Balance"]), (2, HEADER)]))
    assert found is not None and found.line == 2


def test_a_lone_known_column_is_the_header_when_no_row_names_more_and_the_rows_read_past_it_are_kept():
    found = find_header(iter([(1, ["Titre"]), (2, ["Montant TTC"]), (3, ["10,00"])]))
    assert found is not None and (found.line, found.after) == (2, [(3, ["10,00"])])


def test_no_header_among_the_first_rows_is_none():
    rows = ((n, [f"note {n}"]) for n in range(1, 1000))
    assert find_header(rows) is None
    assert HEADER_SEARCH_ROWS < 1000


def test_a_french_csv_with_a_title_line_and_a_blank_line_reads_with_the_files_line_numbers():
    data = (
        "Balance âgée au 30/11/2026;;;;\r\n"
        ";;;;\r\n"
        "\r\n"
        + ";".join(HEADER)
        + "\r\nF1;01/10/2026;31/10/2026;1 234,56;ACME\r\nF2;01/10/2026;pas de date;abc;ACME\r\n"
    ).encode("cp1252")
    rows = read(data)
    assert isinstance(rows[0], CaseRow) and rows[0].line == 5 and str(rows[0].invoices[0].amount) == "1234.56"
    assert {(error.line, error.column) for error in rows[1:]} == {(6, "Date d'échéance"), (6, "Montant TTC")}


def test_an_xlsx_with_a_title_row_and_blank_rows_reads_with_the_sheets_row_numbers():
    data = workbook(
        ["Balance âgée au 30/11/2026"],
        [],
        [None, None],
        HEADER,
        ["F1", date(2026, 10, 1), date(2026, 10, 31), 120.5, "ACME"],
    )
    (row,) = read(data)
    assert isinstance(row, CaseRow) and row.line == 5 and row.invoices[0].number == "F1"


def test_a_missing_column_is_reported_on_the_line_of_the_header_found():
    data = workbook(["Export comptable"], HEADER[:2] + HEADER[3:], ["F1", date(2026, 10, 1), 10, "ACME"])
    assert [(error.line, error.column) for error in read(data)] == [(2, "due date")]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_file_whose_first_rows_name_no_known_column_is_still_refused(kind):
    notes = [[f"note {n}"] for n in range(HEADER_SEARCH_ROWS)]
    data = (
        workbook(*notes, HEADER)
        if kind == "xlsx"
        else ("\n".join(row[0] for row in notes) + "\n" + ";".join(HEADER) + "\n").encode()
    )
    with pytest.raises(UnsupportedFile, match="no column"):
        read(data)


def test_the_problems_of_one_line_make_one_rejected_line_listing_them_all():
    date_problem = RowError(3, "Date d'échéance", "bad date", "date illisible")
    amount_problem = RowError(3, "Montant TTC", "bad amount", "montant illisible")
    other = RowError(4, "Montant TTC", "bad amount", "montant illisible")
    case = CaseRow(
        line=2,
        reference="F1",
        kind=None,
        debtor=None,  # type: ignore[arg-type]  # by_line reads only the line number
        invoices=(),
    )
    grouped = list(by_line([case, date_problem, amount_problem, other, case]))
    assert grouped == [case, RejectedRow(3, (date_problem, amount_problem)), RejectedRow(4, (other,)), case]


def test_a_fec_with_blank_lines_above_its_header_reads_with_the_files_line_numbers():
    from workbench import samples

    plain = {row.reference: row.line for row in read(samples.fec()) if isinstance(row, CaseRow)}
    shifted = {row.reference: row.line for row in read(b"\r\n\r\n" + samples.fec()) if isinstance(row, CaseRow)}
    assert plain and shifted == {reference: line + 2 for reference, line in plain.items()}
