"""A "Langue" column says which language the debtor is written to in: French or English, however the creditor
wrote it; anything else is refused beside the column, and a file without the column leaves it unsaid (French)."""

import io

from intake.imports import CaseRow, RowError
from intake.imports.csv_files import parse_csv

HEADER = "N° facture;Date facture;Date d'échéance;Montant TTC;Raison sociale;Langue\n"


def parse(lines: list[str], header: str = HEADER) -> list:
    return list(parse_csv(io.BytesIO((header + "".join(lines)).encode("utf-8"))))


def line(number: str, language: str) -> str:
    return f"{number};15/01/2025;14/02/2025;100,00;Acme Ltd;{language}\n"


def test_the_language_is_read_however_the_creditor_wrote_it():
    rows = parse([line("F-1", "Anglais"), line("F-2", "EN"), line("F-3", "français"), line("F-4", "english")])
    assert [row.debtor.language for row in rows] == ["en", "en", "fr", "en"]


def test_an_empty_language_cell_leaves_it_unsaid():
    (row,) = parse([line("F-1", "")])
    assert isinstance(row, CaseRow) and row.debtor.language is None


def test_a_language_we_do_not_write_in_is_refused_beside_its_column():
    rows = parse([line("F-1", "Deutsch"), line("F-2", "fr")])
    error, good = rows
    assert isinstance(error, RowError) and (error.line, error.column) == (2, "Langue")
    assert error.reason_fr == (
        "« Deutsch » n'est pas une langue dans laquelle nous écrivons aux débiteurs : français (fr) ou anglais (en)"
    )
    assert isinstance(good, CaseRow) and good.debtor.language == "fr"


def test_a_file_without_the_column_says_nothing_of_the_language():
    header = "N° facture;Date facture;Date d'échéance;Montant TTC;Raison sociale\n"
    (row,) = parse(["F-1;15/01/2025;14/02/2025;100,00;Acme Ltd\n"], header)
    assert row.debtor.language is None
