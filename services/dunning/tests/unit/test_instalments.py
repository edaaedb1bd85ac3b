"""Payment plans' pure rules: the mandate's bounds, allocation to the oldest unpaid instalment, the breach."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from shared.errors import Invalid

from dunning.domain.instalments import PlanBounds, Term, allocate, check_plan_terms, first_missed, is_paid

TODAY = date(2026, 8, 31)
BOUNDS = PlanBounds(max_instalments=12, max_months=6, min_instalment=Decimal("50.00"))


def terms(*pairs: tuple[str, str], paid: tuple[str, ...] = ()) -> list[Term]:
    paid_amounts = [Decimal(p) for p in paid] + [Decimal("0.00")] * len(pairs)
    return [Term(date.fromisoformat(d), Decimal(a), paid_amounts[i]) for i, (d, a) in enumerate(pairs)]


def test_a_plan_within_the_bounds_gives_its_total():
    plan = terms(("2026-09-15", "300.00"), ("2026-10-15", "300.00"), ("2026-11-15", "150.50"))
    assert check_plan_terms(plan, today=TODAY, balance=Decimal("750.50"), bounds=BOUNDS) == Decimal("750.50")


def test_the_last_instalment_may_fall_on_the_last_day_of_a_shorter_month():
    # 31 August + 6 months is 28 February (art. 641 CPC's way of counting months)
    plan = terms(("2026-09-15", "300.00"), ("2027-02-28", "300.00"))
    assert check_plan_terms(plan, today=TODAY, balance=Decimal("600.00"), bounds=BOUNDS) == Decimal("600.00")
    with pytest.raises(Invalid) as refused:
        check_plan_terms(
            terms(("2026-09-15", "300.00"), ("2027-03-01", "300.00")),
            today=TODAY,
            balance=Decimal("600.00"),
            bounds=BOUNDS,
        )
    assert refused.value.field == "instalments[1].due_on" and "28 February 2027" in refused.value.message
    assert refused.value.message_fr is not None and "28 février 2027" in refused.value.message_fr


def test_a_plan_may_cover_less_than_the_balance_but_never_more():
    plan = terms(("2026-09-15", "100.00"), ("2026-10-15", "100.00"))
    assert check_plan_terms(plan, today=TODAY, balance=Decimal("1000.00"), bounds=BOUNDS) == Decimal("200.00")
    with pytest.raises(Invalid) as refused:
        check_plan_terms(plan, today=TODAY, balance=Decimal("199.99"), bounds=BOUNDS)
    assert refused.value.field == "instalments"


def test_a_payment_goes_to_the_oldest_unpaid_instalment_then_the_next():
    plan = terms(("2026-09-15", "300.00"), ("2026-10-15", "300.00"), ("2026-11-15", "300.00"), paid=("250.00",))
    assert allocate(Decimal("400.00"), plan) == [Decimal("50.00"), Decimal("300.00"), Decimal("50.00")]
    assert allocate(Decimal("2000.00"), plan) == [Decimal("50.00"), Decimal("300.00"), Decimal("300.00")]


def test_an_instalment_breaches_the_plan_once_its_grace_days_are_over():
    plan = terms(("2026-09-15", "300.00"), ("2026-10-15", "300.00"), paid=("300.00", "299.99"))
    assert first_missed(plan, today=date(2026, 10, 20), grace_days=5) is None
    missed = first_missed(plan, today=date(2026, 10, 21), grace_days=5)
    assert missed is not None and missed.due_on == date(2026, 10, 15)
    assert not is_paid(plan)
    assert is_paid(terms(("2026-09-15", "300.00"), paid=("300.00",)))
