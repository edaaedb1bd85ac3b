"""TARGET2 business days, on which a remittance transfer can be executed (issue 12, finding 6)."""

from datetime import date

import pytest

from shared.target2 import easter_sunday, is_target2_business_day, next_target2_business_day


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
        (2285, date(2285, 3, 22)),
    ],
)
def test_easter_sunday_is_the_gregorian_one(year, easter):
    assert easter_sunday(year) == easter


def test_easter_sunday_agrees_with_an_independent_computation_for_three_centuries():
    from dateutil.easter import easter

    assert all(easter_sunday(year) == easter(year) for year in range(1900, 2200))


@pytest.mark.parametrize(
    "closed",
    [
        date(2026, 1, 1),
        date(2026, 4, 3),  # Good Friday
        date(2026, 4, 6),  # Easter Monday
        date(2026, 5, 1),
        date(2026, 12, 25),
        date(2026, 12, 26),
        date(2026, 11, 28),  # a Saturday
        date(2026, 11, 29),  # a Sunday
    ],
)
def test_target2_is_closed_on_weekends_and_its_six_holidays(closed):
    assert not is_target2_business_day(closed)


@pytest.mark.parametrize("open_day", [date(2026, 7, 14), date(2026, 11, 11), date(2026, 5, 8), date(2026, 5, 14)])
def test_french_public_holidays_on_weekdays_are_target2_business_days(open_day):
    assert is_target2_business_day(open_day)


@pytest.mark.parametrize(
    ("day", "executed_on"),
    [
        (date(2026, 11, 29), date(2026, 11, 30)),  # Sunday: Monday
        (date(2026, 11, 27), date(2026, 11, 27)),  # an open Friday: itself
        (date(2026, 4, 3), date(2026, 4, 7)),  # Good Friday: past the weekend and Easter Monday
        (date(2026, 12, 24), date(2026, 12, 24)),
        (date(2026, 12, 25), date(2026, 12, 28)),  # Friday 25, Saturday 26, Sunday: Monday 28
        (date(2027, 12, 25), date(2027, 12, 27)),
        (date(2027, 12, 31), date(2027, 12, 31)),
        (date(2028, 1, 1), date(2028, 1, 3)),
        (date(2027, 4, 30), date(2027, 4, 30)),
        (date(2027, 5, 1), date(2027, 5, 3)),
    ],
)
def test_a_transfer_is_executed_on_the_next_target2_business_day(day, executed_on):
    assert next_target2_business_day(day) == executed_on
