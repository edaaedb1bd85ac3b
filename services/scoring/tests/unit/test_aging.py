"""Aged-balance buckets, without a database."""

from datetime import date
from decimal import Decimal

import pytest

from scoring.domain.aging import (
    NOT_DUE,
    age,
    bucket_for_due_date,
    bucket_labels,
    check_as_of,
    check_limits,
    due_date_bounds,
)

AS_OF = date(2026, 11, 24)


def test_the_default_buckets_are_labelled_as_the_contract_says():
    assert bucket_labels((30, 60, 90)) == ["0-30", "31-60", "61-90", "90+"]


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (date(2026, 11, 24), NOT_DUE),  # due today is not yet past due
        (date(2026, 12, 1), NOT_DUE),
        (date(2026, 11, 23), 0),  # one day late
        (date(2026, 10, 25), 0),  # 30 days
        (date(2026, 10, 24), 1),  # 31 days
        (date(2026, 9, 25), 1),  # 60 days
        (date(2026, 9, 24), 2),  # 61 days
        (date(2026, 8, 26), 2),  # 90 days
        (date(2026, 8, 25), 3),  # 91 days
    ],
)
def test_an_invoice_falls_in_the_bucket_of_its_days_past_due(due, expected):
    assert bucket_for_due_date(due, AS_OF, (30, 60, 90)) == expected


def test_due_date_bounds_place_every_day_in_the_same_bucket_as_the_day_count():
    limits = (15, 45)
    bounds = due_date_bounds(AS_OF, limits)
    for offset in range(-5, 80):
        due = date.fromordinal(AS_OF.toordinal() - offset)
        by_bounds = next((i - 1 for i, bound in enumerate(bounds) if due >= bound), len(limits))
        assert by_bounds == bucket_for_due_date(due, AS_OF, limits)


def test_settled_invoices_are_left_out_and_not_yet_due_amounts_are_shown_apart():
    balance = age(
        [
            (date(2026, 12, 10), Decimal("100.00")),
            (date(2026, 11, 1), Decimal("250.50")),
            (date(2026, 11, 2), Decimal("0")),
            (date(2026, 6, 1), Decimal("1000")),
        ],
        as_of=AS_OF,
    )
    assert balance.not_due.amount == Decimal("100.00") and balance.not_due.count == 1
    assert [(b.label, b.amount, b.count) for b in balance.buckets] == [
        ("0-30", Decimal("250.50"), 1),
        ("31-60", Decimal("0"), 0),
        ("61-90", Decimal("0"), 0),
        ("90+", Decimal("1000"), 1),
    ]
    assert balance.total == Decimal("1350.50")


def test_bounds_earlier_than_the_first_calendar_day_stop_at_it_instead_of_overflowing():
    assert due_date_bounds(date(1, 1, 10), (30, 60)) == [date(1, 1, 10), date.min, date.min]
    assert due_date_bounds(AS_OF, (36_500,))[1] == date(1926, 12, 19)


def test_as_of_dates_before_1900_are_refused():
    with pytest.raises(ValueError, match="1900-01-01"):
        check_as_of(date(1, 1, 1))
    assert check_as_of(date(1900, 1, 1)) == date(1900, 1, 1)


@pytest.mark.parametrize("limits", [(), (30, 30), (60, 30), (0, 30), (30, 99_999_999), tuple(range(1, 14))])
def test_bucket_limits_must_be_positive_and_increasing(limits):
    with pytest.raises(ValueError):
        check_limits(limits)
