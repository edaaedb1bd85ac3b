"""What legal's court procedures tell intake: a procedure opened moves the case to the legal phase (dunning stops
when it hears of it), a procedure closed is written in the case's history, and what an insolvency administrator
pays on a declared claim becomes a payment.

A procedure's end does not change the case's status: the case stays in the legal phase (another procedure, a
write-off or the case's closing are a person's decisions, and a case paid in full closes by its payments).

Legal learns of cases only from intake, so a case intake does not hold will never arrive: such an event is
refused (dead-letter topic), as is one naming another creditor than the case's. The administrator's dividend is
recorded as a transfer to the agency's client-money account (`debtor_to_agency`: held, commissionable, a receipt,
the creditor told). Intake has no origin of its own for it: a new one would also have to be taught to dunning and
scoring, which count collected funds by origin."""

from __future__ import annotations

import logging
import uuid

from sqlmodel import Session, select

from shared.audit import AuditEntry, audit
from shared.clock import Clock
from shared.consumer import EventRefused
from shared.errors import DomainError
from shared.events.envelope import CloudEvent
from shared.events.legal_procedures import AdministratorPaid, ProcedureClosed, ProcedureOpened

from intake.cases.lifecycle import enter_legal_phase
from intake.cases.models import Case
from intake.errors import TransitionRefused
from intake.ledger.payments import find_payment
from intake.ledger.posting import PaymentFacts, post_payment
from intake.money.commission import FundsSource

log = logging.getLogger(__name__)

PHASES_BEFORE_COURT = frozenset({"validated", "amicable"})
PROCEDURE_CLOSED = "case.procedure_closed"


def _case(session: Session, case_id: str, creditor_id: str, what: str) -> Case:
    case = session.get(Case, uuid.UUID(case_id), with_for_update=True)
    if case is None:
        raise EventRefused(f"{what} for case {case_id}, which intake does not hold")
    if str(case.creditor_id) != creditor_id:
        raise EventRefused(
            f"{what} for case {case_id} names creditor {creditor_id}, "
            f"but the case belongs to creditor {case.creditor_id}"
        )
    return case


def on_procedure_opened(*, session: Session, event: ProcedureOpened, envelope: CloudEvent, clock: Clock) -> None:
    """Idempotent: a case already in the legal phase stays there; a case closed meanwhile stays closed (legal's staff
    close the procedure)."""
    case = _case(session, event.case_id, event.creditor_id, "a court procedure opened")
    if case.status == "legal":
        return
    if case.status == "closed":
        log.info("procedure %s opened on case %s, closed meanwhile: left closed", event.procedure_id, case.reference)
        return
    if case.status not in PHASES_BEFORE_COURT:
        raise EventRefused(f"a court procedure opened on case {case.reference}, which is {case.status}")
    try:
        enter_legal_phase(session, case, clock=clock, reason=f"{event.kind} procedure {event.procedure_id}")
    except TransitionRefused as exc:
        raise EventRefused(f"a court procedure opened on case {case.reference}: {exc.message}") from exc


def on_procedure_closed(*, session: Session, event: ProcedureClosed, envelope: CloudEvent, clock: Clock) -> None:
    """The case's history names the procedure, the step it closed from and its date, once per procedure (a close
    delivered again, under another event id after a replay, adds nothing)."""
    case = _case(session, event.case_id, event.creditor_id, "a court procedure closed")
    history = session.exec(
        select(AuditEntry).where(
            AuditEntry.entity == "case", AuditEntry.entity_id == str(case.id), AuditEntry.action == PROCEDURE_CLOSED
        )
    ).all()
    if any(entry.details.get("procedure_id") == event.procedure_id for entry in history):
        return
    audit(
        session,
        actor=None,
        action=PROCEDURE_CLOSED,
        entity="case",
        entity_id=case.id,
        clock=clock,
        reason=event.note,
        procedure_id=event.procedure_id,
        last_state=event.last_state,
        closed_on=event.closed_on.isoformat(),
    )


def on_administrator_paid(*, session: Session, event: AdministratorPaid, envelope: CloudEvent, clock: Clock) -> None:
    """The administrator's reference is the payment's: a dividend reported twice is one payment."""
    case = _case(session, event.case_id, event.creditor_id, "an insolvency administrator's payment")
    if find_payment(session, case.creditor_id, event.reference) is not None:
        return
    if case.status == "closed":
        raise EventRefused(
            f"administrator's payment {event.reference} for case {case.reference}, closed ({case.closure_reason}): "
            "record it by hand once checked"
        )
    facts = PaymentFacts(
        amount=event.amount,
        currency=event.currency,
        received_on=event.paid_on,
        source=FundsSource.DEBTOR_TO_AGENCY,
        reference=event.reference,
    )
    try:
        post_payment(session, case, facts, principal=None, clock=clock)
    except DomainError as exc:  # another currency, a day still to come: no retry will make it right
        raise EventRefused(
            f"administrator's payment {event.reference} for case {case.reference}: {exc.message}"
        ) from exc
