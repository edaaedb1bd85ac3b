"""Day-by-day accrual of a rate on an outstanding amount, cut into explainable periods."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from shared.money import round_cents

from intake.money.semesters import Semester, split_by_semester

# Practitioners and courts divide by 365 for L441-10 penalties and legal interest alike
# (docs/rules.md §2.5, §3.1), leap years included.
DAYS_IN_YEAR = Decimal(365)
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class BaseChange:
    """The outstanding amount moves by `delta` at the end of day `on` (a payment received that day
    is negative): the new base applies from the next day, the payment day still counts in full."""

    on: date
    delta: Decimal


@dataclass(frozen=True)
class AccrualPeriod:
    """One line of explanation: `days` days, `start` to `end` inclusive, on `base` at `rate`."""

    start: date
    end: date
    days: int
    rate: Decimal
    base: Decimal
    semester: Semester
    amount: Decimal  # unrounded: the total is rounded once

    @classmethod
    def of(cls, *, start: date, end: date, rate: Decimal, base: Decimal, semester: Semester) -> AccrualPeriod:
        days = (end - start).days + 1
        return cls(start, end, days, rate, base, semester, base * rate * days / DAYS_IN_YEAR)


@dataclass(frozen=True)
class AccrualResult:
    periods: tuple[AccrualPeriod, ...]

    @property
    def exact_total(self) -> Decimal:
        return sum((period.amount for period in self.periods), Decimal(0))

    @property
    def total(self) -> Decimal:
        """Rounded to the cent once, on the sum of the unrounded periods."""
        return round_cents(self.exact_total)

    @property
    def days(self) -> int:
        return sum(period.days for period in self.periods)


def accrue(
    *,
    first_day: date,
    last_day: date,
    opening_base: Decimal,
    rate_for: Callable[[Semester], Decimal],
    changes: Iterable[BaseChange] = (),
) -> AccrualResult:
    """Accrues `base x rate x days / 365` over [first_day, last_day], one period per stretch of
    constant base within one semester. Changes dated before `first_day` adjust the opening base."""
    if last_day < first_day:
        return AccrualResult(())
    base = opening_base
    delta_after: dict[date, Decimal] = {}
    for change in changes:
        if change.on < first_day:
            base += change.delta
        elif change.on < last_day:
            delta_after[change.on] = delta_after.get(change.on, Decimal(0)) + change.delta
    periods: list[AccrualPeriod] = []
    start = first_day
    for change_day in [*sorted(delta_after), last_day]:
        if base > 0:
            for semester, period_start, period_end in split_by_semester(start, change_day):
                periods.append(
                    AccrualPeriod.of(
                        start=period_start, end=period_end, rate=rate_for(semester), base=base, semester=semester
                    )
                )
        base += delta_after.get(change_day, Decimal(0))
        start = change_day + ONE_DAY
    return AccrualResult(tuple(periods))
