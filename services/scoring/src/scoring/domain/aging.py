"""Aged balance (balance âgée): what is outstanding, grouped by how many days past due it is.

An invoice whose due date is the as-of date or later is not yet due and is shown apart. The buckets run
from one day past due to the first limit ("0-30"), then between consecutive limits ("31-60", "61-90"),
and beyond the last limit ("90+"). The limits are configurable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

from scoring.domain.refusals import Refused

DEFAULT_LIMITS: tuple[int, ...] = (30, 60, 90)
NOT_DUE = -1
MAX_LIMIT_DAYS = 36_500  # a hundred years: beyond it a bucket says nothing, and date arithmetic overflows
MAX_LIMITS = 12
EARLIEST_AS_OF = date(1900, 1, 1)


def check_limits(limits: Sequence[int]) -> tuple[int, ...]:
    """Limits must be positive day counts in increasing order, at most a hundred years, at most twelve of them."""
    if not limits:
        raise Refused(
            "give at least one bucket limit, for example 30,60,90",
            "indiquez au moins une limite de tranche, par exemple 30,60,90",
        )
    if len(limits) > MAX_LIMITS:
        raise Refused(f"give at most {MAX_LIMITS} bucket limits", f"indiquez au plus {MAX_LIMITS} limites de tranche")
    if any(limit > MAX_LIMIT_DAYS for limit in limits):
        raise Refused(
            f"bucket limits must be at most {MAX_LIMIT_DAYS} days (a hundred years)",
            f"les limites de tranche ne dépassent pas {MAX_LIMIT_DAYS} jours (cent ans)",
        )
    if any(limit <= 0 for limit in limits) or any(b <= a for a, b in pairwise(limits)):
        raise Refused(
            "bucket limits must be positive numbers of days in increasing order, for example 30,60,90",
            "les limites de tranche sont des nombres de jours positifs et croissants, par exemple 30,60,90",
        )
    return tuple(limits)


def bucket_labels(limits: Sequence[int]) -> list[str]:
    labels = [f"0-{limits[0]}"]
    labels += [f"{low + 1}-{high}" for low, high in pairwise(limits)]
    labels.append(f"{limits[-1]}+")
    return labels


def days_past_due(due_date: date, as_of: date) -> int:
    return (as_of - due_date).days


def bucket_index(days: int, limits: Sequence[int]) -> int:
    """`NOT_DUE` for an invoice not yet past due, else the position of its bucket."""
    if days <= 0:
        return NOT_DUE
    for index, limit in enumerate(limits):
        if days <= limit:
            return index
    return len(limits)


def due_date_bounds(as_of: date, limits: Sequence[int]) -> list[date]:
    """The earliest due date of each band, not-due first: an invoice belongs to the first band whose bound
    its due date reaches. Comparing due dates with these bounds lets the database skip date arithmetic per row."""
    return [as_of] + [_days_before(as_of, limit) for limit in limits]


def _days_before(day: date, days: int) -> date:
    """No due date is earlier than `date.min`, so a bound before it is `date.min` itself."""
    if days >= (day - date.min).days:
        return date.min
    return day - timedelta(days=days)


def check_as_of(as_of: date) -> date:
    if as_of < EARLIEST_AS_OF:
        raise Refused(
            f"as_of must be {EARLIEST_AS_OF.isoformat()} or later",
            f"as_of doit être le {EARLIEST_AS_OF.isoformat()} ou plus tard",
        )
    return as_of


def bucket_for_due_date(due_date: date, as_of: date, limits: Sequence[int]) -> int:
    return bucket_index(days_past_due(due_date, as_of), limits)


@dataclass
class BucketTotal:
    label: str
    amount: Decimal = Decimal("0")
    count: int = 0


@dataclass
class AgedBalance:
    as_of: date
    buckets: list[BucketTotal]
    not_due: BucketTotal = field(default_factory=lambda: BucketTotal("not_due"))

    @property
    def total(self) -> Decimal:
        return self.not_due.amount + sum((b.amount for b in self.buckets), Decimal("0"))

    def add(self, index: int, amount: Decimal, count: int = 1) -> None:
        target = self.not_due if index == NOT_DUE else self.buckets[index]
        target.amount += amount
        target.count += count


def empty_balance(as_of: date, limits: Sequence[int]) -> AgedBalance:
    return AgedBalance(as_of=as_of, buckets=[BucketTotal(label) for label in bucket_labels(limits)])


def age(
    invoices: Iterable[tuple[date, Decimal]], *, as_of: date, limits: Sequence[int] = DEFAULT_LIMITS
) -> AgedBalance:
    """Aged balance of (due date, outstanding) pairs; settled invoices (nothing outstanding) are not counted."""
    balance = empty_balance(as_of, limits)
    for due_date, outstanding in invoices:
        if outstanding > 0:
            balance.add(bucket_for_due_date(due_date, as_of, limits), outstanding)
    return balance
