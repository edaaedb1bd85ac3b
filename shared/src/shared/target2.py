"""TARGET2 business days: the days the Eurosystem's settlement system is open, on which a SEPA credit transfer
can be executed. TARGET2 closes on Saturdays, Sundays, 1 January, Good Friday, Easter Monday, 1 May, 25 and
26 December (ECB decision of 2001 on the TARGET calendar, kept by T2 since 2023); French public holidays are
not closing days (a transfer can settle on 14 July).

Pure functions: dates come in as arguments, no clock is read.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (the computus as Gauss and Meeus state it)."""
    golden = year % 19
    century, year_of_century = divmod(year, 100)
    leap_centuries, leftover_centuries = divmod(century, 4)
    moon_correction = (century + 8) // 25
    solar_correction = (century - moon_correction + 1) // 3
    epact = (19 * golden + century - leap_centuries - solar_correction + 15) % 30
    leap_years, leftover_years = divmod(year_of_century, 4)
    weekday_offset = (32 + 2 * leftover_centuries + 2 * leap_years - epact - leftover_years) % 7
    late_correction = (golden + 11 * epact + 22 * weekday_offset) // 451
    month, day = divmod(epact + weekday_offset - 7 * late_correction + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=64)
def target2_closing_days(year: int) -> frozenset[date]:
    """The year's closing days other than weekends."""
    easter = easter_sunday(year)
    return frozenset(
        {
            date(year, 1, 1),
            easter - timedelta(days=2),  # Good Friday
            easter + timedelta(days=1),  # Easter Monday
            date(year, 5, 1),
            date(year, 12, 25),
            date(year, 12, 26),
        }
    )


def is_target2_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in target2_closing_days(day.year)


def next_target2_business_day(day: date) -> date:
    """`day` itself when TARGET2 is open that day, else the first day after it when it is."""
    while not is_target2_business_day(day):
        day += timedelta(days=1)
    return day
