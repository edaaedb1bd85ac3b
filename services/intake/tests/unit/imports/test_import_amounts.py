"""Amounts as creditors type them, read to the cent without ever going through a float."""

from decimal import Decimal

import pytest

from intake.imports.amounts import parse_amount
from intake.imports.cells import amount_of
from intake.imports.problems import Unreadable


@pytest.mark.parametrize(
    ("written", "decimal_mark", "amount"),
    [
        ("1 234,56", ",", "1234.56"),
        ("1\u00a0234,56", ",", "1234.56"),
        ("1\u202f234,56", ",", "1234.56"),
        ("1.234,56 €", ",", "1234.56"),
        ("12,5", ",", "12.50"),
        ("1234.56", ".", "1234.56"),
        ("1,234.56", ".", "1234.56"),
        ("1 234 567", ",", "1234567.00"),
        ("-80,00", ",", "-80.00"),
        ("(80,00)", ",", "-80.00"),
        ("42", None, "42.00"),
    ],
)
def test_french_and_international_amounts_are_read_exactly(written, decimal_mark, amount):
    assert parse_amount(written, decimal_mark) == Decimal(amount)


def test_a_lone_point_before_three_digits_is_a_thousands_separator_in_a_french_file():
    assert parse_amount("1.234", ",") == Decimal("1234.00")
    assert parse_amount("12.50", ",") == Decimal("12.50")


def test_without_a_file_convention_a_lone_separator_is_the_decimal_one():
    assert parse_amount("1234,5", None) == Decimal("1234.50")


@pytest.mark.parametrize("written", ["12,3x", "abc", "1,2,3", "1.23.4,5", "12 EUR 50", "--5"])
def test_text_that_is_not_an_amount_is_refused_with_the_text_quoted(written):
    with pytest.raises(Unreadable) as refused:
        parse_amount(written, ",")
    assert written in refused.value.reason and written in refused.value.reason_fr


def test_fractions_of_a_cent_are_refused_rather_than_rounded_away():
    with pytest.raises(Unreadable, match="more than two decimals"):
        parse_amount("12,345", ",")


def test_an_empty_amount_says_so_in_both_languages():
    with pytest.raises(Unreadable) as refused:
        parse_amount("  ", ",")
    assert refused.value.reason == "the amount is empty" and refused.value.reason_fr == "le montant est vide"


def test_a_spreadsheet_float_becomes_the_amount_typed_not_its_binary_approximation():
    assert amount_of(1234.56, None) == Decimal("1234.56")
    assert amount_of(0.1 + 0.2, None) == Decimal("0.30")
    assert amount_of(1500, None) == Decimal("1500.00")


def test_a_boolean_cell_is_not_an_amount():
    with pytest.raises(Unreadable):
        amount_of(True, None)


def test_the_plain_amounts_read_first_are_what_the_general_rules_read():
    """`parse_amount` reads the common cells ("1234,56", "-80", "12.5") without its general rules: over every plain
    shape, in both conventions and without one, it gives the same amount to the same exponent."""
    from itertools import product

    from intake.imports.amounts import _written_amount

    units = ["0", "7", "42", "007", "1234", "999999999999", "100000000000000"]
    for sign, whole, separator, cents, mark in product(
        ["", "-"], units, [".", ","], ["", "0", "5", "05", "50", "99"], [",", ".", None]
    ):
        written = f"{sign}{whole}{separator}{cents}" if cents else f"{sign}{whole}"
        assert str(parse_amount(written, mark)) == str(_written_amount(written, mark)), (written, mark)


def test_the_french_grouped_amounts_read_first_are_what_the_general_rules_read():
    """The French spreadsheet's cells ("1 234,56", "-12 000", with a space, a no-break or a narrow no-break space
    between the thousands) are read without the general rules too, to the same amount and exponent."""
    from itertools import product

    from intake.imports.amounts import _written_amount

    wholes = ["1{s}234", "12{s}345", "999{s}999{s}999", "1{s}000{s}000{s}000{s}000", "10{s}000"]
    spaces = [" ", "\u00a0", "\u202f", "\u2009"]
    for sign, whole, space, cents, mark in product(["", "-"], wholes, spaces, ["", "0", "05", "99"], [",", ".", None]):
        grouped = whole.format(s=space)
        written = f"{sign}{grouped},{cents}" if cents else f"{sign}{grouped}"
        assert str(parse_amount(written, mark)) == str(_written_amount(written, mark)), (written, mark)
