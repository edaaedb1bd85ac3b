"""Steps of a procedure as staff record them (the order's date, the day of service ...), checked by the state
machine and the calendar; the order not served in time declared void by the daily job (art. 1411 CPC)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import update
from sqlmodel import Session, col, select

from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.events.legal_procedures import ProcedureClosed, ProcedureStatusChanged
from shared.outbox import record_event
from shared.tenancy import check_visible

from legal.domain.courts import ProcedureKind
from legal.domain.deadlines import service_deadline
from legal.domain.lifecycle import ProcedureFacts, check_dates, check_step
from legal.domain.refusals import RuleBroken
from legal.domain.states import CLOSED, GRANTED, REJECTED, VOID
from legal.errors import ProcedureNotFound, refused
from legal.procedures.models import LegalAlert, Procedure, ProcedureStep
from legal.procedures.schemas import ProcedureEventIn
from legal.procedures.service.views import dates_of, steps_of


def visible_procedure(
    session: Session, procedure_id: uuid.UUID, principal: Principal, *, lock: bool = False
) -> Procedure:
    procedure = session.get(Procedure, procedure_id, with_for_update=lock)
    if procedure is None:
        raise ProcedureNotFound(procedure_id)
    check_visible(principal, missing=lambda: ProcedureNotFound(procedure_id), creditor_id=procedure.creditor_id)
    return procedure


def move(session: Session, procedure: Procedure, to: str, *, on: date, by: str, clock: Clock, note: str | None) -> None:
    previous, procedure.state, procedure.updated_at = procedure.state, to, clock.now()
    session.add(procedure)
    session.add(
        ProcedureStep(
            procedure_id=procedure.id, state=to, occurred_on=on, recorded_at=clock.now(), recorded_by=by, note=note
        )
    )
    ids = {
        "case_id": str(procedure.case_id),
        "creditor_id": str(procedure.creditor_id),
        "procedure_id": str(procedure.id),
    }
    if to in (CLOSED, REJECTED, VOID):  # nothing is left to do about its alerts
        session.execute(
            update(LegalAlert)
            .where(col(LegalAlert.procedure_id) == procedure.id, col(LegalAlert.resolved_on).is_(None))
            .values(resolved_on=today_in_paris(clock))
        )
    if to == CLOSED:
        event: ProcedureClosed | ProcedureStatusChanged = ProcedureClosed(
            **ids, last_state=previous, closed_on=on, note=note
        )
    else:
        event = ProcedureStatusChanged(**ids, from_state=previous, to_state=to, occurred_on=on)
    record_event(session, event, clock=clock, subject=str(procedure.case_id), tenant=str(procedure.creditor_id))


def record_step(
    *, session: Session, procedure_id: uuid.UUID, step_in: ProcedureEventIn, principal: Principal, clock: Clock
) -> Procedure:
    procedure = visible_procedure(session, procedure_id, principal, lock=True)
    steps = steps_of(session, procedure.id)
    dates = dates_of(steps)
    if procedure.state == step_in.type and dates.get(step_in.type) == step_in.occurred_on:
        return procedure  # the same step sent again: already recorded
    kind = ProcedureKind(procedure.kind)
    try:
        check_step(kind, procedure.state, step_in.type)
        check_dates(
            ProcedureFacts(kind, procedure.state, dates), step_in.type, step_in.occurred_on, today=today_in_paris(clock)
        )
    except RuleBroken as exc:
        raise refused(exc) from exc
    move(session, procedure, step_in.type, on=step_in.occurred_on, by=principal.subject, clock=clock, note=step_in.note)
    session.commit()
    return procedure


def void_unserved(*, session: Session, today: date, clock: Clock) -> int:
    """Orders granted and not served by the last day of the service deadline become void (non avenue)."""
    granted = session.exec(
        select(Procedure)
        .where(Procedure.state == GRANTED, Procedure.kind == ProcedureKind.PAYMENT_ORDER.value)
        .with_for_update(skip_locked=True)
    ).all()
    voided = 0
    for procedure in granted:
        granted_on = dates_of(steps_of(session, procedure.id)).get(GRANTED)
        if granted_on is None:
            continue
        deadline = service_deadline(granted_on)
        if today > deadline.due_on:
            note = f"not served by {deadline.due_on} (art. 1411 CPC)"
            void_on = deadline.due_on + timedelta(days=1)
            move(session, procedure, VOID, on=void_on, by="calendar", clock=clock, note=note)
            voided += 1
    return voided


def procedures_of_case(session: Session, case_id: uuid.UUID) -> list[Procedure]:
    return list(
        session.exec(
            select(Procedure).where(Procedure.case_id == case_id).order_by(col(Procedure.created_at), col(Procedure.id))
        ).all()
    )
