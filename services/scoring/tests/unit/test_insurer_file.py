"""The credit insurer's CSV, checked line by line without a database."""

from decimal import Decimal

import pytest

from scoring.domain.insurer_file import parse_insurer_file

HEADER = "siren,insurer,grade,limit,currency\n"


def one_error(line: str) -> tuple[str, str]:
    lines, errors = parse_insurer_file(HEADER + line + "\n")
    assert lines == [] and len(errors) == 1
    return errors[0].column, errors[0].reason


def test_a_line_with_more_fields_than_the_header_is_reported_not_crashed_on():
    assert one_error("732829320,Coface,3,1000,EUR,extra,more") == (
        "line",
        "this line has more fields than the header (7 for 5)",
    )


@pytest.mark.parametrize(
    ("limit", "reason"),
    [
        ("1e20", "below 1,000,000,000,000"),
        ("1000000000000", "below 1,000,000,000,000"),
        ("0.005", "not a whole number of cents"),
        ("12.345", "not a whole number of cents"),
        ("-1", "cannot be negative"),
        ("NaN", "finite"),
        ("lots", "is not an amount"),
    ],
)
def test_a_limit_must_be_whole_cents_within_what_the_database_keeps(limit, reason):
    column, text = one_error(f"732829320,Coface,3,{limit},EUR")
    assert column == "limit" and reason in text


@pytest.mark.parametrize(
    ("insurer", "reason"), [("Co\x00face", "control characters"), ("", "must not be empty"), ("x" * 121, "at most 120")]
)
def test_an_insurer_name_must_be_printable_text_of_reasonable_length(insurer, reason):
    column, text = one_error(f"732829320,{insurer},3,1000,EUR")
    assert column == "insurer" and reason in text


def test_a_siren_is_nine_digits_and_a_currency_three_letters():
    assert one_error("73282932\x00,Coface,3,1000,EUR")[0] == "siren"
    assert one_error("732829320,Coface,3,1000,EURO")[0] == "currency"


def test_a_french_limit_with_spaces_and_a_decimal_comma_is_read_exactly():
    lines, errors = parse_insurer_file("siren;insurer;grade;limit\n732 829 320;Coface;3;20\u00a0000,50\n")
    assert errors == [] and lines[0].limit == Decimal("20000.50") and lines[0].siren == "732829320"
    assert lines[0].currency == "EUR"
