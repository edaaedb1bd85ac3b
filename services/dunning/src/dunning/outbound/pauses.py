"""Why a case's scenario waits and when it goes on, as the test mode tells it: a promise pauses it until the day
after its grace days (the promises' job breaks it then, unless it was kept), a running payment plan until the grace
days of its earliest unpaid instalment are over (then it resumes, or the case goes to legal when the plan says so
and the mandate allows it), a dispute until staff resolve it (no day to tell)."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from dunning.cases.models import DunningCase
from dunning.domain.instalments import breach_day
from dunning.domain.timetable import promise_breaks_on
from dunning.outbound.schemas import PreviewPause
from dunning.responses.deadlines import breach_escalates
from dunning.responses.models import PaymentPlan, Promise
from dunning.responses.payment_plans import terms_of
from dunning.responses.plan_views import instalments_of

PAUSED = ("promise", "plan", "dispute")


def pause_of(session: Session, case: DunningCase, *, promise_grace_days: int) -> PreviewPause | None:
    """None when the case is not paused (`promise_grace_days`: the scheduler's own setting)."""
    if case.status == "promise":
        promise = session.exec(select(Promise).where(Promise.case_id == case.case_id, Promise.status == "open")).first()
        if promise is None:
            return PreviewPause(reason="promise")
        try:
            resumes_on: date | None = promise_breaks_on(promise.due_on, promise_grace_days)
        except OverflowError:  # a promise recorded before promises had a horizon, at the calendar's end
            resumes_on = None
        return PreviewPause(
            reason="promise",
            resumes_on=resumes_on,
            promise_amount=promise.amount,
            promise_due_on=promise.due_on,
            currency=promise.currency,
        )
    if case.status == "plan":
        plan = session.exec(
            select(PaymentPlan).where(PaymentPlan.case_id == case.case_id, PaymentPlan.status == "agreed")
        ).first()
        if plan is None:
            return PreviewPause(reason="plan")
        breached_on = breach_day(terms_of(instalments_of(session, plan.id)), grace_days=plan.grace_days)
        then = "legal" if breach_escalates(session, case, plan) else "resume"
        return PreviewPause(reason="plan", resumes_on=breached_on, then=then)
    if case.status == "dispute":
        return PreviewPause(reason="dispute")
    return None
