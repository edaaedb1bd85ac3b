"""The kernel's calendar against the worked examples of the procedural rules (CPC art. 640 to 642)."""

from datetime import date

import pytest

from shared.business_calendar import (
    add_business_days,
    add_months,
    add_years,
    end_of_month,
    is_business_day,
    next_business_day,
    procedural_deadline,
)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 12), 2, date(2026, 5, 12)),
        (date(2026, 5, 31), -3, date(2026, 2, 28)),
    ],
)
def test_a_deadline_in_months_ends_on_the_same_number_or_the_last_day_of_the_month(start, months, expected):
    assert add_months(start, months) == expected


def test_a_29_february_plus_a_year_is_28_february_and_the_calendar_has_an_end():
    assert add_years(date(2028, 2, 29), 1) == date(2029, 2, 28)
    assert add_years(date(2028, 2, 29), 4) == date(2032, 2, 29)
    assert add_years(date(9998, 6, 1), 5) == date.max


def test_business_days_skip_weekends_and_french_public_holidays():
    assert not is_business_day(date(2026, 7, 14))  # fête nationale, a Tuesday
    assert not is_business_day(date(2026, 5, 14))  # Ascension
    assert not is_business_day(date(2027, 1, 31))  # a Sunday
    assert is_business_day(date(2026, 7, 13))
    assert next_business_day(date(2026, 12, 25)) == date(2026, 12, 28)
    assert add_business_days(date(2026, 5, 7), 2) == date(2026, 5, 12)  # over 8 May (a Friday) and the weekend
    assert end_of_month(date(2027, 2, 3)) == date(2027, 2, 28)


def test_the_worked_examples_of_the_payment_order_deadlines():
    # order of 15 Jan 2026, serve within 6 months (art. 1411): 15 Jul 2026, a Wednesday
    assert procedural_deadline(date(2026, 1, 15), months=6).due_on == date(2026, 7, 15)
    # served in person on Mon 2 Feb 2026, opposition within 1 month (art. 1416): Mon 2 Mar 2026
    assert procedural_deadline(date(2026, 2, 2), months=1).due_on == date(2026, 3, 2)
    # served on Tue 31 Mar 2026 + 1 month: Thu 30 Apr 2026
    assert procedural_deadline(date(2026, 3, 31), months=1).due_on == date(2026, 4, 30)


def test_a_deadline_ending_on_a_weekend_or_a_holiday_runs_to_the_next_business_day_and_says_so():
    order = procedural_deadline(date(2026, 8, 31), months=6)  # 28 Feb 2027 is a Sunday
    assert order.due_on == date(2027, 3, 1)
    assert order.rule == (
        "2026-08-31 + 6 months (art. 641 CPC) = 2027-02-28, not a business day: extended to 2027-03-01 (art. 642 CPC)"
    )
    assert procedural_deadline(date(2026, 12, 31), months=1).due_on == date(2027, 2, 1)
    assert procedural_deadline(date(2026, 7, 6), days=8).due_on == date(2026, 7, 15)  # 14 July is a holiday
    assert procedural_deadline(date(2026, 7, 6), days=8).rule.startswith("2026-07-06 + 8 days")
    assert order.rule_fr == (
        "31/08/2026 + 6 mois (art. 641 CPC) = 28/02/2027, jour non ouvré : prorogé au 01/03/2027 (art. 642 CPC)"
    )
    assert procedural_deadline(date(2026, 7, 6), days=8).rule_fr.startswith("06/07/2026 + 8 jours")
    assert procedural_deadline(date(2021, 3, 2), years=5).rule_fr == "02/03/2021 + 5 ans (art. 641 CPC)"


def test_a_deadline_counts_one_unit_only():
    with pytest.raises(ValueError):
        procedural_deadline(date(2026, 1, 1), months=1, days=2)
    with pytest.raises(ValueError):
        procedural_deadline(date(2026, 1, 1))
