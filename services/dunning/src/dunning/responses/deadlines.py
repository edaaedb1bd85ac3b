"""What the calendar decides: a promise whose day passed unpaid (plus grace) is broken and the scenario resumes;
a payment plan with an instalment unpaid past its grace days is breached; a scenario whose last step went out long
enough ago is exhausted, for legal or for closing.

A breached plan resumes the scenario (its pending step goes out at the next pass), unless the plan's terms say a
breach escalates (`plan_breach_escalates` when it was proposed) and the mandate covers the legal phase: then the
case is exhausted at once, as if its scenario had run out, and `dunning.exhausted` hands it to legal.

A promise or a plan is taken with its case, both locked, or left to the next pass when another transaction holds
either: PostgreSQL then checks the case's status on the version it locked, and what is decided from the case and
the instalments cannot change before the commit. Read unlocked, a case the consumer had just closed (CasePaid), or
staff had sent to dispute, was set back to `active`, and a plan was breached on an instalment paid meanwhile.
Skipping rather than waiting: the consumer and staff lock the case before the promise or the plan, and a job
waiting for the case while holding its promise deadlocked with them."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from shared.clock import Clock, today_in_paris
from shared.events.dunning import DunningExhausted, PlanBreached, PromiseBroken
from shared.outbox import record_event

from dunning.cases.models import DunningCase, DunningCreditor
from dunning.domain.instalments import first_missed
from dunning.domain.timetable import promises_broken_before
from dunning.responses.models import PaymentPlan, PlanInstalment, Promise
from dunning.responses.payment_plans import terms_of
from dunning.responses.plan_views import instalments_of
from dunning.responses.settlement_ends import lapse_settlement
from dunning.steps.plans import pending_step, resume, stop_case


def break_overdue_promises(*, engine: Engine, clock: Clock, grace_days: int) -> int:
    today = today_in_paris(clock)
    with Session(engine) as session, session.begin():
        promises = session.exec(
            select(Promise)
            .join(DunningCase, col(DunningCase.case_id) == col(Promise.case_id))
            .where(Promise.status == "open", col(Promise.due_on) < promises_broken_before(today, grace_days))
            .with_for_update(of=(Promise, DunningCase), skip_locked=True)
        ).all()
        for promise in promises:
            promise.status, promise.settled_on = "broken", today
            case = session.get(DunningCase, promise.case_id, populate_existing=True)
            if case is None:
                continue
            record_event(
                session,
                PromiseBroken(
                    case_id=str(case.case_id),
                    creditor_id=str(case.creditor_id),
                    debtor_id=str(case.debtor_id),
                    promise_id=str(promise.id),
                    paid=promise.paid,
                    broken_on=today,
                ),
                clock=clock,
                subject=str(case.case_id),
                tenant=str(case.creditor_id),
            )
            lapse_settlement(session=session, case=case, promise=promise, on=today, clock=clock)
            if case.status == "promise":
                resume(session=session, case=case, clock=clock)
        return len(promises)


def exhaust_finished_scenarios(*, engine: Engine, clock: Clock) -> int:
    today = today_in_paris(clock)
    with Session(engine) as session, session.begin():
        cases = session.exec(
            select(DunningCase)
            .where(DunningCase.status == "active", col(DunningCase.exhausts_on) <= today)
            .with_for_update(skip_locked=True)
        ).all()
        exhausted = 0
        for case in cases:
            if pending_step(session, case.case_id) is not None:
                continue
            case.status, case.updated_at = "exhausted", clock.now()
            _record_exhausted(session=session, case=case, clock=clock)
            exhausted += 1
        return exhausted


def _legal_allowed(session: Session, case: DunningCase) -> bool:
    creditor = session.get(DunningCreditor, case.creditor_id)
    return bool(creditor and creditor.legal_allowed)


def breach_escalates(session: Session, case: DunningCase, plan: PaymentPlan) -> bool:
    """A breach of the plan sends the case to legal, rather than resuming its scenario: the plan's terms say so
    and the mandate covers the legal phase."""
    return plan.escalates and _legal_allowed(session, case)


def _record_exhausted(*, session: Session, case: DunningCase, clock: Clock) -> None:
    record_event(
        session,
        DunningExhausted(
            case_id=str(case.case_id),
            creditor_id=str(case.creditor_id),
            debtor_id=str(case.debtor_id),
            scenario=case.scenario,
            exhausted_on=today_in_paris(clock),
            legal_allowed=_legal_allowed(session, case),
            balance=case.balance,
        ),
        clock=clock,
        subject=str(case.case_id),
        tenant=str(case.creditor_id),
    )


def breach_missed_plans(*, engine: Engine, clock: Clock) -> int:
    """The running plans of quiet cases with an instalment unpaid past the plan's grace days."""
    today = today_in_paris(clock)
    with Session(engine) as session, session.begin():
        overdue = (
            select(PlanInstalment.plan_id)
            .where(col(PlanInstalment.paid) < col(PlanInstalment.amount), col(PlanInstalment.due_on) < today)
            .distinct()
        )
        plans = session.exec(
            select(PaymentPlan)
            .join(DunningCase, col(DunningCase.case_id) == col(PaymentPlan.case_id))
            .where(PaymentPlan.status == "agreed", DunningCase.status == "plan", col(PaymentPlan.id).in_(overdue))
            .with_for_update(of=(PaymentPlan, DunningCase), skip_locked=True)
        ).all()
        breached = 0
        for plan in plans:
            case = session.get(DunningCase, plan.case_id, populate_existing=True)
            # Read once the case is locked: a payment allocated to the instalments holds the case while it writes.
            missed = first_missed(terms_of(instalments_of(session, plan.id)), today=today, grace_days=plan.grace_days)
            if missed is None or case is None:
                continue
            escalate = breach_escalates(session, case, plan)
            plan.status, plan.ended_on, plan.missed_due_on = "breached", today, missed.due_on
            plan.next_action = "escalate" if escalate else "resume"
            record_event(
                session,
                PlanBreached(
                    case_id=str(case.case_id),
                    creditor_id=str(case.creditor_id),
                    debtor_id=str(case.debtor_id),
                    plan_id=str(plan.id),
                    missed_due_on=missed.due_on,
                    breached_on=today,
                    next_action=plan.next_action,
                ),
                clock=clock,
                subject=str(case.case_id),
                tenant=str(case.creditor_id),
            )
            if escalate:
                stop_case(session=session, case=case, status="exhausted", clock=clock, note="the payment plan broke")
                _record_exhausted(session=session, case=case, clock=clock)
            else:
                resume(session=session, case=case, clock=clock)
            breached += 1
        return breached
