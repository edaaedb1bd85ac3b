"""Events scoring consumes to keep its own projection (it never calls intake to compute a score).

Handlers run inside the consumer's transaction (the inbox row commits with their effect) and never commit.
Everything intake says about one case shares the case's partition of `intake.cases`: an event about a case that is
not placed yet (not validated) comes before its validation, whose snapshot carries what that event said, so it has
nothing to wait for. Dunning's promises and disputes and legal's outcomes come from other services, with no order
against intake's: their handlers will raise `PrerequisiteMissing` for a case not placed yet (the waiting room), bump
a counter of `debtor_behaviour` and call `rescore_debtor`.
"""

from __future__ import annotations

import uuid

from sqlmodel import Session

from shared.clock import PARIS, Clock
from shared.consumer import Handlers
from shared.events.envelope import CloudEvent
from shared.events.intake import (
    CaseBalanceChanged,
    CaseClosed,
    CaseStatusChanged,
    CaseValidated,
    CreditorRegistered,
    DebtorUpdated,
    InvoiceAdded,
    PaymentRecorded,
)

from scoring.models import ScoringCase, ScoringCreditor
from scoring.service import projection
from scoring.service.rescoring import rescore_debtor

DEBTOR_PAYMENT_ORIGINS = frozenset({"debtor_to_agency", "debtor_to_creditor", "bailiff"})


def on_creditor_registered(*, session: Session, event: CreditorRegistered, envelope: CloudEvent, clock: Clock) -> None:
    creditor = session.get(ScoringCreditor, uuid.UUID(event.creditor_id))
    if creditor is None:
        session.add(
            ScoringCreditor(creditor_id=uuid.UUID(event.creditor_id), name=event.name, registered_at=envelope.time)
        )
    else:
        creditor.name = event.name


def on_case_validated(*, session: Session, event: CaseValidated, envelope: CloudEvent, clock: Clock) -> None:
    debtor = projection.upsert_debtor(session, event.debtor)
    projection.place_case(
        session,
        case_id=event.case_id,
        creditor_id=event.creditor_id,
        debtor_id=event.debtor.debtor_id,
        reference=event.reference,
        kind=event.kind,
        status=event.status,
        validated_on=envelope.time.astimezone(PARIS).date(),
        invoices=event.invoices,
    )
    rescore_debtor(session=session, debtor_id=debtor.debtor_id, clock=clock)


def placed_case(session: Session, case_id: str) -> ScoringCase | None:
    """The case once validated; None before, when the validation snapshot, later on the same partition, will carry
    what the event being handled says."""
    return session.get(ScoringCase, uuid.UUID(case_id))


def on_invoice_added(*, session: Session, event: InvoiceAdded, envelope: CloudEvent, clock: Clock) -> None:
    if (case := placed_case(session, event.case_id)) is not None:
        projection.upsert_invoice(session, event.invoice, case=case)
        rescore_debtor(session=session, debtor_id=case.debtor_id, clock=clock)


def on_case_status_changed(*, session: Session, event: CaseStatusChanged, envelope: CloudEvent, clock: Clock) -> None:
    if (case := placed_case(session, event.case_id)) is not None and case.closed_on is None:
        case.status = event.to_status
        session.add(case)
        rescore_debtor(session=session, debtor_id=case.debtor_id, clock=clock)


def on_case_closed(*, session: Session, event: CaseClosed, envelope: CloudEvent, clock: Clock) -> None:
    if (case := placed_case(session, event.case_id)) is None:
        return  # closed before validation (withdrawn): it never entered the projection
    case.closed_on, case.outcome, case.status = event.closed_on, event.reason, "closed"
    projection.settle_case_invoices(session, case_id=case.case_id, as_of=event.closed_on)
    projection.refresh_case_totals(session, case)
    rescore_debtor(session=session, debtor_id=case.debtor_id, clock=clock)


def on_debtor_updated(*, session: Session, event: DebtorUpdated, envelope: CloudEvent, clock: Clock) -> None:
    debtor = projection.upsert_debtor(session, event.debtor)
    projection.record_merge(debtor, event.merged_into_id)
    rescore_debtor(session=session, debtor_id=debtor.debtor_id, clock=clock)


def on_payment_recorded(*, session: Session, event: PaymentRecorded, envelope: CloudEvent, clock: Clock) -> None:
    """Counted before the balance changes: a payment smaller than what the case owed is a partial payment.
    The rescoring waits for `case.balance_changed`, which follows on the same partition."""
    case = placed_case(session, event.case_id)
    if case is None or event.origin not in DEBTOR_PAYMENT_ORIGINS:
        return  # before validation, the snapshot carries the balance; a credit note is not the debtor paying
    behaviour = projection.behaviour_of(session, case.debtor_id)
    behaviour.payments += 1
    if event.amount < case.outstanding:
        behaviour.partial_payments += 1
    session.add(behaviour)


def on_case_balance_changed(*, session: Session, event: CaseBalanceChanged, envelope: CloudEvent, clock: Clock) -> None:
    if (case := placed_case(session, event.case_id)) is None:
        return  # paid before validation: the validation snapshot carries the outstanding amounts
    for line in event.invoices:
        projection.record_outstanding(
            session, invoice_id=uuid.UUID(line.invoice_id), as_of=event.as_of, outstanding=line.outstanding
        )
    session.flush()
    projection.refresh_case_totals(session, case)
    rescore_debtor(session=session, debtor_id=case.debtor_id, clock=clock)


HANDLERS: Handlers = {
    CreditorRegistered: on_creditor_registered,
    CaseValidated: on_case_validated,
    InvoiceAdded: on_invoice_added,
    CaseStatusChanged: on_case_status_changed,
    CaseClosed: on_case_closed,
    DebtorUpdated: on_debtor_updated,
    PaymentRecorded: on_payment_recorded,
    CaseBalanceChanged: on_case_balance_changed,
}
