"""A reversed payment taken back out of a promise and a plan, as pure rules (docs/rules.md §4.1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from dunning.domain.instalments import Term, allocate
from dunning.domain.reversals import (
    case_status_after_reversal,
    plan_status_after_reversal,
    promise_after_reversal,
    take_back,
)

D = Decimal


def plan(*paid: str) -> list[Term]:
    days = [date(2026, 9, 15), date(2026, 10, 15), date(2026, 11, 15)]
    return [Term(due_on=day, amount=D("300.00"), paid=D(p)) for day, p in zip(days, paid, strict=False)]


def test_the_newest_paid_instalment_gives_back_first():
    assert take_back(D("350.00"), plan("300.00", "200.00", "0.00")) == [D("150.00"), D("200.00"), D("0.00")]


def test_taking_back_a_payment_leaves_the_instalments_as_if_it_had_never_been_allocated():
    first, second = D("250.00"), D("400.00")
    terms = plan("0.00", "0.00", "0.00")
    after_first = [Term(t.due_on, t.amount, t.paid + s) for t, s in zip(terms, allocate(first, terms), strict=True)]
    after_both = [
        Term(t.due_on, t.amount, t.paid + s) for t, s in zip(after_first, allocate(second, after_first), strict=True)
    ]
    # the first payment reversed: the instalments hold what the second alone would have paid
    back = take_back(first, after_both)
    assert [t.paid - b for t, b in zip(after_both, back, strict=True)] == allocate(second, terms)


def test_a_promise_kept_only_by_the_reversed_payment_is_open_again():
    after = promise_after_reversal(status="kept", amount=D("500.00"), paid=D("500.00"), share=D("200.00"))
    assert (after.paid, after.status, after.reopened) == (D("300.00"), "open", True)


def test_a_promise_still_kept_without_the_payment_stays_kept():
    after = promise_after_reversal(status="kept", amount=D("500.00"), paid=D("700.00"), share=D("200.00"))
    assert (after.paid, after.status) == (D("500.00"), "kept")


def test_a_kept_promise_that_a_later_promise_or_plan_replaced_stays_kept():
    after = promise_after_reversal(
        status="kept", amount=D("500.00"), paid=D("500.00"), share=D("200.00"), superseded=True
    )
    assert (after.paid, after.status, after.reopened) == (D("300.00"), "kept", False)


def test_a_broken_promise_stays_broken_with_less_paid():
    after = promise_after_reversal(status="broken", amount=D("500.00"), paid=D("200.00"), share=D("200.00"))
    assert (after.paid, after.status) == (D("0.00"), "broken")


def test_a_plan_completed_by_the_reversed_payment_runs_again():
    assert plan_status_after_reversal(status="completed", still_paid=False, another_running=False) == "agreed"


def test_a_completed_plan_stays_completed_when_a_later_plan_runs_or_it_is_still_paid():
    assert plan_status_after_reversal(status="completed", still_paid=False, another_running=True) == "completed"
    assert plan_status_after_reversal(status="completed", still_paid=True, another_running=False) == "completed"


def test_a_breached_or_running_plan_keeps_its_status():
    assert plan_status_after_reversal(status="breached", still_paid=False, another_running=False) == "breached"
    assert plan_status_after_reversal(status="agreed", still_paid=False, another_running=False) == "agreed"


def test_a_case_dunned_again_goes_back_to_its_plan_or_promise():
    assert case_status_after_reversal(status="active", plan_runs_again=True, promise_open_again=False) == "plan"
    assert case_status_after_reversal(status="active", plan_runs_again=False, promise_open_again=True) == "promise"
    assert case_status_after_reversal(status="plan", plan_runs_again=False, promise_open_again=True) == "plan"
    assert case_status_after_reversal(status="active", plan_runs_again=False, promise_open_again=False) == "active"


def test_a_case_in_dispute_at_court_or_closed_keeps_its_status():
    for status in ("disputed", "legal", "closed"):
        assert case_status_after_reversal(status=status, plan_runs_again=True, promise_open_again=True) == status
