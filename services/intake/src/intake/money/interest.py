"""Consumer debts: moratory interest at the legal rate after formal notice (art. 1231-6 C. civ.)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from intake.money.accrual import ONE_DAY, AccrualResult, BaseChange, accrue
from intake.money.rates import RateKind, RateTable


def first_interest_day(*, notice_date: date, due_date: date | None = None) -> date:
    """Art. 1231-6 and 1344-1 C. civ.: interest runs from the formal notice (mise en demeure); the
    notice day itself is not counted, as the due date is not for penalties, and a debt earns no
    interest before it falls due."""
    start = notice_date + ONE_DAY
    if due_date is not None:
        start = max(start, due_date + ONE_DAY)
    return start


def legal_interest(
    *,
    principal: Decimal,
    notice_date: date | None,
    until: date,
    rates: RateTable,
    due_date: date | None = None,
    outstanding_changes: Iterable[BaseChange] = (),
    creditor_rate: RateKind = RateKind.LEGAL_PROFESSIONAL,
) -> AccrualResult:
    """Art. 1231-6 C. civ. with L313-2 CMF: principal x legal rate x days / 365 from the formal
    notice, each day at the rate of its semester. The creditor of a collection case is a
    professional, so the lower "autres cas" rate applies unless told otherwise. Without a notice,
    no interest is due."""
    if notice_date is None:
        return AccrualResult(())
    return accrue(
        first_day=first_interest_day(notice_date=notice_date, due_date=due_date),
        last_day=until,
        opening_base=principal,
        changes=outstanding_changes,
        rate_for=lambda semester: rates.legal_rate(semester, creditor_rate),
    )
