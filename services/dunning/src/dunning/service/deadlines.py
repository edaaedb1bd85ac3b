"""What the calendar decides: a promise whose day passed unpaid (plus grace) is broken and the scenario resumes;
a scenario whose last step went out long enough ago is exhausted, for legal or for closing."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from shared.clock import Clock, today_in_paris
from shared.events.dunning import DunningExhausted, PromiseBroken
from shared.outbox import record_event

from dunning.models import DunningCase, DunningCreditor, Promise
from dunning.service.plans import pending_step, resume


def break_overdue_promises(*, engine: Engine, clock: Clock, grace_days: int) -> int:
    today = today_in_paris(clock)
    with Session(engine) as session, session.begin():
        promises = session.exec(
            select(Promise)
            .where(Promise.status == "open", col(Promise.due_on) < today - timedelta(days=grace_days))
            .with_for_update(skip_locked=True)
        ).all()
        for promise in promises:
            promise.status, promise.settled_on = "broken", today
            case = session.get(DunningCase, promise.case_id)
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
            creditor = session.get(DunningCreditor, case.creditor_id)
            case.status, case.updated_at = "exhausted", clock.now()
            record_event(
                session,
                DunningExhausted(
                    case_id=str(case.case_id),
                    creditor_id=str(case.creditor_id),
                    debtor_id=str(case.debtor_id),
                    scenario=case.scenario,
                    exhausted_on=today,
                    legal_allowed=bool(creditor and creditor.legal_allowed),
                    balance=case.balance,
                ),
                clock=clock,
                subject=str(case.case_id),
                tenant=str(case.creditor_id),
            )
            exhausted += 1
        return exhausted
