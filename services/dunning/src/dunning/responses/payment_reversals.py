"""A payment intake reversed is taken back out of what it counted towards (docs/rules.md §4.1): the promise it
was measured against and the plan instalments it was allocated to, by the pure rules of `domain.reversals`.
Runs inside the consumer's transaction, the case row locked."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from shared.clock import Clock

from dunning.cases.models import DunningCase
from dunning.domain.instalments import is_paid
from dunning.domain.reversals import (
    case_status_after_reversal,
    plan_status_after_reversal,
    promise_after_reversal,
    take_back,
)
from dunning.responses.models import CasePayment, PaymentPlan, Promise
from dunning.responses.payment_plans import terms_of
from dunning.responses.plan_views import instalments_of


def take_back_payment(
    *, session: Session, case: DunningCase, payment: CasePayment, reversed_on: date, clock: Clock
) -> None:
    payment.reversed_on = reversed_on
    promise_open_again = _take_back_from_promise(session, payment)
    plan_runs_again = _take_back_from_plan(session, payment)
    status = case_status_after_reversal(
        status=case.status, plan_runs_again=plan_runs_again, promise_open_again=promise_open_again
    )
    if status != case.status:
        case.status, case.updated_at = status, clock.now()


def _take_back_from_promise(session: Session, payment: CasePayment) -> bool:
    promise = session.get(Promise, payment.promise_id) if payment.promise_id is not None else None
    if promise is None or payment.promise_share <= 0:
        return False
    superseded = (
        session.exec(select(Promise).where(Promise.case_id == promise.case_id, Promise.status == "open")).first()
        is not None
        or session.exec(
            select(PaymentPlan).where(PaymentPlan.case_id == promise.case_id, PaymentPlan.status == "agreed")
        ).first()
        is not None
    )
    after = promise_after_reversal(
        status=promise.status,
        amount=promise.amount,
        paid=promise.paid,
        share=payment.promise_share,
        superseded=superseded,
    )
    reopened = after.reopened and promise.status != "open"
    promise.paid, promise.status = after.paid, after.status
    if reopened:
        promise.settled_on = None
    return reopened


def _take_back_from_plan(session: Session, payment: CasePayment) -> bool:
    plan = session.get(PaymentPlan, payment.plan_id, with_for_update=True) if payment.plan_id is not None else None
    if plan is None or payment.plan_share <= 0:
        return False
    instalments = instalments_of(session, plan.id)
    for instalment, back in zip(instalments, take_back(payment.plan_share, terms_of(instalments)), strict=True):
        instalment.paid -= back
        if instalment.paid < instalment.amount:
            instalment.paid_on = None
    another_running = (
        session.exec(
            select(PaymentPlan).where(
                PaymentPlan.case_id == plan.case_id, PaymentPlan.status == "agreed", PaymentPlan.id != plan.id
            )
        ).first()
        is not None
    )
    status = plan_status_after_reversal(
        status=plan.status, still_paid=is_paid(terms_of(instalments)), another_running=another_running
    )
    if status == plan.status:
        return False
    plan.status, plan.ended_on = status, None
    return True
