"""CSV files as French spreadsheets and international tools save them, one invoice per line."""

import io
from datetime import date
from decimal import Decimal

import pytest

from workbench import samples

from intake.imports import CaseRow, RowError, UnsupportedFile
from intake.imports.csv_files import parse_csv


def parse(data: bytes) -> list:
    return list(parse_csv(io.BytesIO(data)))


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_a_french_csv_gives_one_case_row_per_invoice_line(encoding):
    cases = parse(samples.french_csv(encoding=encoding))
    assert [case.line for case in cases] == [2, 3, 4, 5]
    first = cases[0]
    assert first.reference == "DOS-2025-001" and first.kind == "b2b"
    assert first.debtor.name == "Société Générale de Béton SARL"
    assert first.debtor.type == "company" and first.debtor.siren == "428701981"
    assert first.debtor.address == {
        "line1": "12 rue de la Paix",
        "line2": "Bâtiment B",
        "postal_code": "75002",
        "city": "Paris",
        "country": "FR",
    }
    assert first.invoices[0].amount == Decimal("1234.56") and first.invoices[0].vat == Decimal("205.76")
    assert first.invoices[0].issue_date == date(2025, 1, 15) and first.invoices[0].due_date == date(2025, 2, 14)


def test_lines_of_one_case_reference_stay_separate_rows_with_the_same_reference():
    cases = parse(samples.french_csv())
    assert [case.reference for case in cases[:2]] == ["DOS-2025-001", "DOS-2025-001"]
    assert cases[1].invoices[0].outstanding == Decimal("5000.00")


def test_a_consumer_line_without_reference_takes_the_invoice_number():
    consumer = parse(samples.french_csv())[2]
    assert consumer.reference == "F-2025-0200" and consumer.kind == "b2c" and consumer.debtor.type == "person"
    assert consumer.debtor.address["postal_code"] == "01000"


def test_an_international_csv_reads_the_same_invoices():
    french, international = parse(samples.french_csv()), parse(samples.international_csv())
    assert [case.invoices for case in international] == [case.invoices for case in french]
    assert international[3].invoices[0].currency == "CHF" and international[3].debtor.address["country"] == "CH"


def test_bad_lines_are_reported_with_their_column_and_the_good_ones_still_come_through():
    results = parse(samples.french_csv(samples.mixed_rows()))
    assert [row.line for row in results if isinstance(row, CaseRow)] == list(samples.MIXED_GOOD_LINES)
    errors = {(error.line, error.column) for error in results if isinstance(error, RowError)}
    assert errors == {(line, samples.FRENCH_HEADERS[field]) for line, field in samples.MIXED_BAD_LINES.items()}


def test_every_problem_of_a_line_is_reported_not_just_the_first():
    row = {**samples.bad_rows()[0], "due_date": "demain", "currency": "XYZ"}
    errors = parse(samples.french_csv([row]))
    assert {error.column for error in errors} == {"Montant TTC", "Date d'échéance", "Devise"}
    assert all(error.reason and error.reason_fr for error in errors)


def test_a_missing_required_column_is_reported_once_on_line_one_and_nothing_else_is_read():
    fields = [field for field in samples.FIELDS if field != "due_date"]
    results = parse(samples.french_csv(fields=fields))
    assert results == [
        RowError(
            line=1,
            column="due date",
            reason="the header has no due date column",
            reason_fr="l'en-tête n'a pas de colonne date d'échéance",
        )
    ]


def test_a_text_file_without_any_known_column_is_not_an_import_file():
    with pytest.raises(UnsupportedFile):
        parse_csv(io.BytesIO(b"hello;world\n1;2\n"))


def test_columns_come_in_any_order_and_unknown_ones_are_ignored():
    data = (
        "Commentaire;Montant;Échéance;Client;Date;Invoice no\r\nà relancer;99,90;15/02/2025;Martin;15/01/2025;A-1\r\n"
    ).encode("cp1252")
    (case,) = parse(data)
    assert case.invoices[0].number == "A-1" and case.invoices[0].amount == Decimal("99.90")
    assert case.debtor.name == "Martin" and case.debtor.type == "person" and case.kind is None


def test_blank_lines_are_skipped_and_quoted_line_breaks_keep_line_numbers_true():
    data = (
        "N° facture;Date facture;Échéance;Montant TTC;Raison sociale;Adresse\r\n"
        "\r\n"
        'F1;01/01/2025;31/01/2025;10,00;ACME;"1 rue A\r\nBP 12"\r\n'
        "F2;01/01/2025;31/01/2025;zz;ACME;\r\n;;;;;\r\n"
    ).encode()
    results = parse(data)
    assert results[0].line == 3 and results[0].debtor.address["line1"] == "1 rue A\r\nBP 12"
    assert isinstance(results[1], RowError) and results[1].line == 5
    assert len(results) == 2


def test_identifiers_lose_their_spacing_and_make_the_debtor_a_company():
    data = (
        "Facture;Date;Échéance;Montant;Nom;N° TVA;Type\n"
        "F1;01/01/2025;31/01/2025;10;Dupont;fr 27 428 701 981;particulier\n"
    ).encode()
    (case,) = parse(data)
    assert case.debtor.vat_number == "FR27428701981" and case.debtor.type == "company" and case.kind == "b2c"


def test_an_unknown_debtor_type_or_country_is_reported():
    data = (
        "Facture;Date;Échéance;Montant;Nom;Type;Pays\nF1;01/01/2025;31/01/2025;10;Dupont;Avoir;Atlantide\n"
    ).encode()
    assert {error.column for error in parse(data)} == {"Type", "Pays"}


def test_a_currency_symbol_or_lowercase_code_is_the_iso_code():
    data = (
        "Facture;Date;Échéance;Montant;Nom;Devise\nF1;01/01/2025;31/01/2025;10;A;€\nF2;01/01/2025;31/01/2025;10;A;usd\n"
    )
    assert [case.invoices[0].currency for case in parse(data.encode())] == ["EUR", "USD"]
