"""A case's way through its scenario: started at validation, one step pending at a time, paused by a promise,
held by a dispute, stopped when intake closes the case or sends it to court, exhausted after the last step."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Session, col, select

from shared.bulk_copy import copy_rows
from shared.clock import PARIS, Clock, today_in_paris
from shared.events.intake import CaseValidated
from shared.table_rows import new_row

from dunning.cases.experiments import put_in_arm, running_experiments
from dunning.cases.models import DunningCase
from dunning.domain.scenarios import CaseFacts, Channel, Scenario, next_applicable, step_day
from dunning.domain.timetable import Upcoming, due_instant, upcoming_steps
from dunning.domain.windows import Window
from dunning.scenarios.scenarios import scenario_for
from dunning.steps.models import DunningStep, PhoneTask

PENDING = ("scheduled", "sending")
# Intake's status for a case whose debtor is under insolvency proceedings: every individual action is stayed
# (L622-21 C. com.), so dunning keeps the case, and its payments, but writes nothing.
STAYED = "claim_declaration"


def start_case(*, session: Session, event: CaseValidated, clock: Clock, default_scenario: str) -> DunningCase:
    """Idempotent: a second validation of the same case (a replay) changes nothing."""
    case = session.get(DunningCase, uuid.UUID(event.case_id))
    if case is not None:
        return case
    case = _new_case(event, clock=clock, default_scenario=default_scenario)
    if case.status == STAYED:
        session.add(case)
        return case
    put_in_arm(case, running_experiments(session))
    session.add(case)
    session.flush()
    schedule_next(session=session, case=case, executed_on=None, clock=clock)
    return case


def start_cases(*, session: Session, events: Sequence[CaseValidated], clock: Clock, default_scenario: str) -> None:
    """`start_case` for many validations, in their order: one look-up for the cases already started (a case
    validated twice is started by the first), the new cases and their first steps written at once, one COPY each
    (a run of validations, `shared.consumer_runs`; the ORM's inserts were half of dunning's consumer thread)."""
    ids = [uuid.UUID(event.case_id) for event in events]
    started = set(session.exec(select(DunningCase.case_id).where(col(DunningCase.case_id).in_(ids))))
    cases, steps = [], []
    experiments = running_experiments(session)
    for event, case_id in zip(events, ids, strict=True):
        if case_id in started:
            continue
        started.add(case_id)
        case = _new_case(event, clock=clock, default_scenario=default_scenario)
        cases.append(case)
        if case.status == STAYED:
            continue
        put_in_arm(case, experiments)
        if (step := next_step(session=session, case=case, executed_on=None, clock=clock)) is not None:
            steps.append(step)
    copy_rows(session, DunningCase, ({field: getattr(case, field) for field in _CASE_FIELDS} for case in cases))
    copy_rows(session, DunningStep, ({field: getattr(step, field) for field in _STEP_FIELDS} for step in steps))


_CASE_FIELDS, _STEP_FIELDS = tuple(DunningCase.model_fields), tuple(DunningStep.model_fields)


def _new_case(event: CaseValidated, *, clock: Clock, default_scenario: str) -> DunningCase:
    unpaid = [invoice for invoice in event.invoices if invoice.outstanding > 0] or list(event.invoices)
    return new_row(
        DunningCase,
        case_id=uuid.UUID(event.case_id),
        creditor_id=uuid.UUID(event.creditor_id),
        debtor_id=uuid.UUID(event.debtor.debtor_id),
        reference=event.reference,
        kind=event.kind,
        scenario=event.scenario or default_scenario,
        due_on=min(invoice.due_date for invoice in unpaid),
        currency=unpaid[0].currency if unpaid else "EUR",
        balance=(balance := sum((invoice.outstanding for invoice in event.invoices), Decimal("0.00"))),
        placed_balance=balance,
        validated_at=clock.now(),
        updated_at=clock.now(),
        status=STAYED if event.status == STAYED else "active",
    )


def facts_of(case: DunningCase) -> CaseFacts:
    return CaseFacts(kind=case.kind, balance=case.balance, grade=case.grade)


def upcoming(
    session: Session, case: DunningCase, *, now: datetime, windows: Mapping[Channel, tuple[Window, ...]]
) -> tuple[Scenario, list[Upcoming]]:
    """The steps still to come for the case, each on the instant the scheduler would send it if the case goes on
    at `now` (`domain.timetable.upcoming_steps`): what the test mode shows."""
    scenario = scenario_for(session, case.scenario)
    pending = pending_step(session, case.case_id)
    steps = upcoming_steps(
        scenario,
        facts_of(case),
        start=case.next_position if pending is None else pending.position,
        due_on=case.due_on,
        last=_last_done(session, case) if pending is None else None,
        pending_due_at=None if pending is None else pending.due_at,
        now=now,
        windows=windows,
    )
    return scenario, steps


def _last_done(session: Session, case: DunningCase) -> tuple[int, date] | None:
    step = session.exec(
        select(DunningStep)
        .where(DunningStep.case_id == case.case_id, DunningStep.status == "done")
        .order_by(col(DunningStep.executed_at).desc())
        .limit(1)
    ).first()
    if step is None or step.executed_at is None:
        return None
    return step.position, step.executed_at.astimezone(PARIS).date()


def schedule_next(*, session: Session, case: DunningCase, executed_on: date | None, clock: Clock) -> DunningStep | None:
    """Schedules the next applicable step from `case.next_position`, spaced from the day the previous step
    went out (`executed_on`), or from the due date for the first; when none is left, sets the exhaustion day."""
    pending = next_step(session=session, case=case, executed_on=executed_on, clock=clock)
    if pending is not None:
        session.add(pending)
    return pending


def next_step(*, session: Session, case: DunningCase, executed_on: date | None, clock: Clock) -> DunningStep | None:
    """`schedule_next`'s step, left out of the session (the caller writes it), and the case moved on to it."""
    scenario = scenario_for(session, case.scenario)
    previous = case.next_position - 1
    position = next_applicable(scenario.steps, facts_of(case), case.next_position)
    if position is not None:
        step = scenario.steps[position]
        last = None if executed_on is None or previous < 0 else (previous, executed_on)
        day = step_day(scenario.steps, position, due_on=case.due_on, last=last)
        pending = new_row(
            DunningStep,
            case_id=case.case_id,
            position=position,
            code=step.code,
            channel=step.channel.value,
            template=step.template,
            due_at=due_instant(day, clock.now()),
        )
        case.next_position = position
        return pending
    last_day = executed_on or today_in_paris(clock)
    case.next_position = len(scenario.steps)
    case.exhausts_on = date.fromordinal(last_day.toordinal() + scenario.exhaust_after_days)
    return None


def pending_step(session: Session, case_id: uuid.UUID) -> DunningStep | None:
    return session.exec(
        select(DunningStep).where(DunningStep.case_id == case_id, col(DunningStep.status).in_(PENDING))
    ).first()


def resume(*, session: Session, case: DunningCase, clock: Clock) -> None:
    """Back to work after a promise or a dispute: the pending step goes out now at the earliest."""
    case.status = "active"
    case.updated_at = clock.now()
    step = pending_step(session, case.case_id)
    if step is not None and step.status == "scheduled" and step.due_at < clock.now():
        step.due_at = clock.now()


def stop_case(*, session: Session, case: DunningCase, status: str, clock: Clock, note: str) -> None:
    """Intake closed the case, it went to court, or its debtor's insolvency proceedings stay it: nothing more goes
    out."""
    if case.status in ("closed", "legal", STAYED) and status == case.status:
        return
    case.status = status
    case.updated_at = clock.now()
    for step in session.exec(
        select(DunningStep).where(DunningStep.case_id == case.case_id, DunningStep.status == "scheduled")
    ).all():
        step.status, step.note = "cancelled", note
    # Locked: a call outcome committed while this waited is seen, and PostgreSQL leaves that task out (no longer
    # open) instead of this overwriting what the agent recorded with "cancelled".
    for task in session.exec(
        select(PhoneTask).where(PhoneTask.case_id == case.case_id, PhoneTask.status == "open").with_for_update()
    ).all():
        task.status, task.outcome, task.note = "done", "cancelled", note


def reopen(*, session: Session, case: DunningCase, clock: Clock) -> None:
    """Intake reopened a case it had closed as paid (the payment was reversed): the scenario goes on where it
    stopped, its next step spaced from the last one sent, and due at once if that day has passed."""
    if case.status != "closed":
        return
    case.status, case.updated_at = "active", clock.now()
    if pending_step(session, case.case_id) is None:
        last = _last_done(session, case)
        schedule_next(session=session, case=case, executed_on=last[1] if last else None, clock=clock)
