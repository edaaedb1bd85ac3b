"""The one calendar every service computes dates with: month and year arithmetic, French business days, and
procedural deadlines as the Code de procédure civile counts them (art. 640 to 642).

Pure functions: dates come in as arguments, no clock is read. Public holidays are metropolitan France's, from the
`holidays` package (Alsace-Moselle's two extra days are not counted: a deadline computed here is never later than
the one a court there would accept).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays


def end_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: date, months: int) -> date:
    """The day bearing the same number `months` later, or the last day of that month when it has no such day
    (art. 641 al. 2 CPC: 31 August + 6 months is 28 February). Past the calendar's last day, that day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year > date.max.year:
        return date.max
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def add_years(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("FR", years=year))


def is_public_holiday(day: date) -> bool:
    return day in _public_holidays(day.year)


def is_business_day(day: date) -> bool:
    """Monday to Friday, and not a French public holiday."""
    return day.weekday() < 5 and not is_public_holiday(day)


def next_business_day(day: date) -> date:
    """`day` itself when it is a business day, else the first business day after it."""
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def add_business_days(day: date, count: int) -> date:
    """`count` business days after `day` (a dunning step "5 working days after", say)."""
    while count > 0:
        day += timedelta(days=1)
        if is_business_day(day):
            count -= 1
    return day


@dataclass(frozen=True)
class Deadline:
    due_on: date
    rule: str
    """how it was computed, to show beside the date (art. 642 CPC asks for no less)"""
    rule_fr: str = ""
    """the same, in French"""


def procedural_deadline(start: date, *, days: int = 0, months: int = 0, years: int = 0) -> Deadline:
    """The last day of a deadline that runs from `start` (the act, event or notification that starts it), as
    art. 640 to 642 CPC count it: the starting day does not count for a deadline in days (641 al. 1); one in
    months or years ends on the day bearing the same number, or the month's last day (641 al. 2); one ending on
    a Saturday, Sunday or public holiday is extended to the next business day (642 al. 2)."""
    if sum(1 for n in (days, months, years) if n) != 1 or min(days, months, years) < 0:
        raise ValueError("a procedural deadline counts days, months or years: exactly one of them, positive")
    if days:
        end, span = start + timedelta(days=days), f"{days} day{'s' if days > 1 else ''}"
        span_fr = f"{days} jour{'s' if days > 1 else ''}"
    else:
        count, unit = (months, "month") if months else (years, "year")
        end, span = add_months(start, months + 12 * years), f"{count} {unit}{'s' if count > 1 else ''}"
        span_fr = f"{months} mois" if months else f"{years} an{'s' if years > 1 else ''}"
    due = next_business_day(end)
    rule = f"{start.isoformat()} + {span} (art. 641 CPC)"
    rule_fr = f"{start:%d/%m/%Y} + {span_fr} (art. 641 CPC)"
    if due != end:
        rule += f" = {end.isoformat()}, not a business day: extended to {due.isoformat()} (art. 642 CPC)"
        rule_fr += f" = {end:%d/%m/%Y}, jour non ouvré : prorogé au {due:%d/%m/%Y} (art. 642 CPC)"
    return Deadline(due_on=due, rule=rule, rule_fr=rule_fr)
