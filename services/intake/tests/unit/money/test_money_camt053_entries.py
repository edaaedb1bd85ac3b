from decimal import Decimal
from typing import Any

from intake.money.camt053 import read_camt053

Builder = Any  # the `camt053` fixture of conftest.py: a CamtFactory


def test_credits_without_a_bank_reference_get_distinct_stable_references_from_their_place_in_the_statement(
    camt053: Builder,
) -> None:
    document = camt053.build(
        [
            camt053.entry("10.00", reference=""),
            camt053.entry("20.00", reference=""),
            camt053.entry("30.00", reference="", batch=[("12.00", "A", None), ("18.00", "B", None)]),
        ]
    )
    references = [c.entry_reference for c in read_camt053(document).credits]
    assert references == ["STMT-1/1", "STMT-1/2", "STMT-1/3/1", "STMT-1/3/2"]
    assert [c.entry_reference for c in read_camt053(document).credits] == references


def test_an_amount_with_more_than_two_decimals_is_refused_as_unreadable_not_rounded(camt053: Builder) -> None:
    reading = read_camt053(
        camt053.build([camt053.entry("12.345", reference="R3"), camt053.entry("12.340", reference="R2")])
    )
    assert [(c.entry_reference, c.amount) for c in reading.credits] == [("R2", Decimal("12.340"))]
    assert [(r.entry_reference, "more than two decimals" in r.reason) for r in reading.refused] == [("R3", True)]


def test_an_impossible_booking_date_refuses_its_entry_only(camt053: Builder) -> None:
    reading = read_camt053(
        camt053.build(
            [camt053.entry("5.00", booking_date="2026-13-45", reference="BAD"), camt053.entry("6.00", reference="OK")]
        )
    )
    assert [c.entry_reference for c in reading.credits] == ["OK"]
    assert reading.refused[0].entry_reference == "BAD" and "2026-13-45" in reading.refused[0].reason
