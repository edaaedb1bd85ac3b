"""What falls due: the open deadlines of running procedures and the prescription of every case not yet in court.
The daily job raises each one once as an alert (and announces it), within `alert_days` of its day, and resolves
the alerts nothing is left to do about; staff list what falls due before a day."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from shared.clock import PARIS, Clock
from shared.daily import only_one_replica
from shared.events.legal_procedures import LegalDeadlineApproaching
from shared.outbox import record_event

from legal.domain.courts import ProcedureKind
from legal.domain.deadlines import open_deadlines, procedure_deadlines
from legal.domain.insolvency import TO_DECLARE
from legal.domain.states import OPENED
from legal.domain.watch import claim_due, closing_due, falls_due, prescription_due, stay_due
from legal.procedures.models import InsolvencyClaim, LegalAlert, LegalCase, Procedure
from legal.procedures.service.cases import last_interruption
from legal.procedures.service.opening import ENDED
from legal.procedures.service.steps import void_unserved
from legal.procedures.service.views import dates_of, steps_of

CASE = "case"
STAYED = "claim_declaration"  # intake's status of a case its debtor's insolvency proceedings stay


@dataclass(frozen=True)
class DueItem:
    case: LegalCase
    procedure_id: uuid.UUID | None
    kind: str
    due_on: date
    rule: str
    rule_fr: str

    @property
    def subject(self) -> str:
        return str(self.procedure_id) if self.procedure_id else CASE


def due_items(session: Session, *, today: date, creditor_id: uuid.UUID | None = None) -> list[DueItem]:
    cases_query = select(LegalCase).where(LegalCase.status != "closed")
    if creditor_id is not None:
        cases_query = cases_query.where(LegalCase.creditor_id == creditor_id)
    cases = {case.case_id: case for case in session.exec(cases_query)}
    alive = session.exec(
        select(Procedure).where(col(Procedure.state).not_in(ENDED), col(Procedure.case_id).in_(list(cases)))
    ).all()
    items: list[DueItem] = []
    in_court: set[uuid.UUID] = set()
    for procedure in alive:
        if procedure.state != OPENED:
            in_court.add(procedure.case_id)
        if cases[procedure.case_id].status == STAYED:
            # interrupted (L622-21 C. com.): the procedure's own deadlines no longer run; staff end it
            if procedure.state != OPENED:
                items.append(stay_item(cases[procedure.case_id], procedure.id))
            continue
        statuses = procedure_deadlines(
            small_claims=procedure.kind == ProcedureKind.SMALL_CLAIMS,
            state=procedure.state,
            dates=dates_of(steps_of(session, procedure.id)),
            today=today,
        )
        for deadline in open_deadlines(statuses, state=procedure.state):
            case = cases[procedure.case_id]
            items.append(DueItem(case, procedure.id, deadline.kind, deadline.due_on, deadline.rule, deadline.rule_fr))
    items.extend(_closed_with_procedures(session, creditor_id))
    items.extend(_claims_to_declare(session, cases))
    for case in cases.values():
        if case.insolvency:
            continue  # the claim's declaration interrupts prescription until the proceedings close
        due = prescription_due(
            kind=case.kind,
            earliest_due_on=case.earliest_due_on,
            interruptions=(last_interruption(session, case.case_id),),
            proceedings_filed=case.case_id in in_court,
        )
        if due is not None:
            items.append(DueItem(case, None, due.kind, due.due_on, due.rule, due.rule_fr))
    return sorted(items, key=lambda item: (item.due_on, str(item.case.case_id), item.kind))


def _claims_to_declare(session: Session, cases: dict[uuid.UUID, LegalCase]) -> list[DueItem]:
    """Each claim still to declare whose deadline intake gave, on a case not closed (`claim_due`)."""
    claims = session.exec(
        select(InsolvencyClaim).where(
            InsolvencyClaim.status == TO_DECLARE,
            col(InsolvencyClaim.claim_deadline).is_not(None),
            col(InsolvencyClaim.case_id).in_(list(cases)),
        )
    ).all()
    items = []
    for claim in claims:
        assert claim.claim_deadline is not None  # the query's
        due = claim_due(claim.claim_deadline)
        items.append(DueItem(cases[claim.case_id], None, due.kind, due.due_on, due.rule, due.rule_fr))
    return items


def _closed_with_procedures(session: Session, creditor_id: uuid.UUID | None) -> list[DueItem]:
    """A procedure still before the court on a case intake closed, until staff record it closed (`closing_due`)."""
    query = (
        select(Procedure, LegalCase)
        .join(LegalCase, col(LegalCase.case_id) == col(Procedure.case_id))
        .where(LegalCase.status == "closed", col(Procedure.state).not_in(ENDED))
    )
    if creditor_id is not None:
        query = query.where(LegalCase.creditor_id == creditor_id)
    return [closing_item(case, procedure.id) for procedure, case in session.exec(query)]


def stay_item(case: LegalCase, procedure_id: uuid.UUID) -> DueItem:
    validated_on = case.validated_at.astimezone(PARIS).date()
    due = stay_due(stayed_on=case.stayed_on, validated_on=validated_on)
    return DueItem(case, procedure_id, due.kind, due.due_on, due.rule, due.rule_fr)


def closing_item(case: LegalCase, procedure_id: uuid.UUID) -> DueItem:
    validated_on = case.validated_at.astimezone(PARIS).date()
    due = closing_due(closed_on=case.closed_on, reason=case.closure_reason, validated_on=validated_on)
    return DueItem(case, procedure_id, due.kind, due.due_on, due.rule, due.rule_fr)


def watch(*, engine: Engine, clock: Clock, today: date, alert_days: int) -> dict[str, int]:
    """The daily job: void orders not served in time, raise new alerts, resolve those nothing is left to do about."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        if not only_one_replica(session, "legal-procedures-watch"):
            return {"skipped": 1}
        voided = void_unserved(session=session, today=today, clock=clock)
        session.flush()
        due = {(i.case.case_id, i.subject, i.kind, i.due_on): i for i in due_items(session, today=today)}
        open_alerts = session.exec(select(LegalAlert).where(col(LegalAlert.resolved_on).is_(None))).all()
        resolved = 0
        for alert in open_alerts:
            if (alert.case_id, alert.subject, alert.kind, alert.due_on) not in due:
                alert.resolved_on = today
                session.add(alert)
                resolved += 1
        raised = 0
        for item in due.values():
            if falls_due(item.due_on, today=today, within_days=alert_days):
                raised += raise_once(session, item, today=today, clock=clock)
        return {"voided": voided, "raised": raised, "resolved": resolved}


def raise_once(session: Session, item: DueItem, *, today: date, clock: Clock) -> bool:
    """The alert and its announcement, unless it was raised already (True when raised now)."""
    case = item.case
    if session.exec(
        select(LegalAlert.id).where(
            LegalAlert.case_id == case.case_id,
            LegalAlert.subject == item.subject,
            LegalAlert.kind == item.kind,
            LegalAlert.due_on == item.due_on,
        )
    ).first():
        return False
    session.add(
        LegalAlert(
            case_id=case.case_id,
            creditor_id=case.creditor_id,
            procedure_id=item.procedure_id,
            subject=item.subject,
            kind=item.kind,
            due_on=item.due_on,
            rule=item.rule,
            rule_fr=item.rule_fr,
            raised_on=today,
        )
    )
    record_event(
        session,
        LegalDeadlineApproaching(
            case_id=str(case.case_id),
            creditor_id=str(case.creditor_id),
            procedure_id=str(item.procedure_id) if item.procedure_id else None,
            kind=item.kind,
            due_on=item.due_on,
            rule=item.rule,
        ),
        clock=clock,
        subject=str(case.case_id),
        tenant=str(case.creditor_id),
    )
    return True
