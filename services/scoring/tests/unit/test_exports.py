"""Spreadsheet exports of the aged balance, without a database."""

import io
import uuid
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from shared.spreadsheets import neutralised

from scoring.aged_balance.balances import DebtorLine
from scoring.aged_balance.exports import header, sheet_title, to_csv, to_xlsx
from scoring.domain.aging import age

LIMITS = (30, 60, 90)


def line(name: str) -> DebtorLine:
    balance = age(
        [(date(2026, 10, 1), Decimal("1234.50")), (date(2026, 12, 1), Decimal("10"))],
        as_of=date(2026, 11, 24),
        limits=LIMITS,
    )
    return DebtorLine(uuid.UUID(int=1), name, balance)


@pytest.mark.parametrize("name", ["=1+1", "+33 1 23", "-2", "@SUM(A1)", "\tTab", "\rCR"])
def test_a_name_a_spreadsheet_would_read_as_a_formula_is_prefixed_with_an_apostrophe(name):
    assert neutralised(name) == "'" + name


def test_an_ordinary_name_is_left_as_it_is():
    assert neutralised("Dupont SARL") == "Dupont SARL"


def test_the_french_csv_uses_semicolons_and_a_decimal_comma_and_the_international_one_commas_and_points():
    french = to_csv([line("Dupont")], LIMITS, currency="EUR").splitlines()[1].split(";")
    assert french[2:] == ["10,00", "0,00", "1234,50", "0,00", "0,00", "1244,50", "2", "EUR"]
    international = to_csv([line("Dupont")], LIMITS, currency="EUR", dialect="intl").splitlines()[1].split(",")
    assert international[2:] == ["10.00", "0.00", "1234.50", "0.00", "0.00", "1244.50", "2", "EUR"]


def test_xlsx_amounts_including_the_total_are_numbers_formatted_with_cents():
    sheet = load_workbook(io.BytesIO(to_xlsx([line("=cmd")], LIMITS, currency="EUR", title="t"))).active
    row = list(sheet[2])
    assert row[1].value == "'=cmd" and row[1].data_type == "s"
    amounts = row[2:8]  # not due, four buckets, total
    assert [(c.data_type, c.number_format) for c in amounts] == [("n", "#,##0.00")] * 6
    assert amounts[-1].value == Decimal("1244.50") or amounts[-1].value == pytest.approx(1244.5)


def test_the_first_row_names_columns_with_keys_for_a_program_or_headings_for_a_person():
    assert header(LIMITS) == [
        "debtor_id",
        "debtor",
        "not_due",
        "0-30",
        "31-60",
        "61-90",
        "90+",
        "total",
        "invoices",
        "currency",
    ]
    assert header(LIMITS, "fr")[:4] == ["Identifiant du débiteur", "Débiteur", "Non échu", "0-30 j"]
    assert header(LIMITS, "en")[-3:] == ["Total", "Invoices", "Currency"]
    french = to_csv([line("Dupont")], LIMITS, currency="EUR", labels="fr").splitlines()[0]
    assert french.startswith("Identifiant du débiteur;Débiteur;Non échu;0-30 j;")
    assert sheet_title(date(2026, 12, 7), "fr") == "Balance âgée 2026-12-07"
    sheet = load_workbook(io.BytesIO(to_xlsx([line("D")], LIMITS, currency="EUR", title="t", labels="en"))).active
    assert sheet["A1"].value == "Debtor id" and sheet["D1"].value == "0-30 days"
