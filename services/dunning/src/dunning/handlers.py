"""Events dunning consumes, applied inside the consumer's transaction (the inbox row commits with their effect).

Intake says everything about one case on `intake.cases`, in order: a validated case starts its scenario; a
payment is measured against an open promise, allocated to a running payment plan's instalments and told to the
creditor; a balance moves the conditions of the next
steps; closing the case, or sending it to court, stops dunning. Creditors and mandates come on `intake.creditors`,
with no order against the cases: a payment whose creditor dunning has not heard of yet waits in the waiting room
(the creditor must be told of it, R124-5), and is applied when the creditor's registration arrives."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlmodel import Session, select

from shared.clock import Clock, today_in_paris
from shared.consumer import Handlers, RunHandlers
from shared.consumer_runs import RunEvent
from shared.events.dunning import PromiseKept
from shared.events.envelope import CloudEvent
from shared.events.intake import (
    CaseBalanceChanged,
    CaseClosed,
    CasePaid,
    CaseStatusChanged,
    CaseValidated,
    CreditorRegistered,
    CreditorUpdated,
    MandateSigned,
    PaymentRecorded,
    PaymentReversed,
)
from shared.events.intake_documents import DocumentAttached
from shared.outbox import record_event
from shared.waiting_room import PrerequisiteMissing

from dunning.cases.models import DunningCase, DunningCreditor
from dunning.responses.dispute_proofs import record_document
from dunning.responses.models import COLLECTED, CasePayment, Promise
from dunning.responses.notices import tell_creditor_of_payment, tell_creditor_of_reversal, tell_creditor_of_stay
from dunning.responses.payment_plans import allocate_payment
from dunning.responses.payment_reversals import take_back_payment
from dunning.responses.settlement_ends import honour_settlement
from dunning.steps.plans import STAYED, reopen, resume, start_case, start_cases, stop_case

DEFAULT_SCENARIO = "default-fr"


def on_creditor_registered(*, session: Session, event: CreditorRegistered, envelope: CloudEvent, clock: Clock) -> None:
    creditor = session.get(DunningCreditor, uuid.UUID(event.creditor_id))
    if creditor is None:
        session.add(DunningCreditor(creditor_id=uuid.UUID(event.creditor_id), name=event.name, email=event.email))
    else:
        creditor.name, creditor.email = event.name, event.email


def on_creditor_updated(*, session: Session, event: CreditorUpdated, envelope: CloudEvent, clock: Clock) -> None:
    """The corrected name and e-mail: the creditor's notices (payments, disputes) go to the new address. A creditor
    not registered here yet makes the correction wait for its registration (same key, delivered first)."""
    creditor = session.get(DunningCreditor, uuid.UUID(event.creditor_id))
    if creditor is None:
        raise PrerequisiteMissing(event.creditor_id, "the creditor to correct is not registered in dunning yet")
    creditor.name, creditor.email = event.name, event.email


def on_mandate_signed(*, session: Session, event: MandateSigned, envelope: CloudEvent, clock: Clock) -> None:
    creditor = session.get(DunningCreditor, uuid.UUID(event.creditor_id))
    if creditor is None:
        raise PrerequisiteMissing(event.creditor_id, "the mandate's creditor is not registered in dunning yet")
    creditor.legal_allowed = "legal" in event.phases
    creditor.max_instalments, creditor.max_plan_months = event.max_instalments, event.max_plan_months
    creditor.min_instalment, creditor.settlement_floor = event.min_instalment, event.settlement_floor


def on_case_validated(*, session: Session, event: CaseValidated, envelope: CloudEvent, clock: Clock) -> None:
    start_case(session=session, event=event, clock=clock, default_scenario=DEFAULT_SCENARIO)


def on_cases_validated(*, session: Session, events: Sequence[RunEvent], clock: Clock) -> None:
    """`on_case_validated` for a run of validations (`shared.consumer_runs`)."""
    start_cases(session=session, events=[item.event for item in events], clock=clock, default_scenario=DEFAULT_SCENARIO)
    session.flush()


def on_case_balance_changed(*, session: Session, event: CaseBalanceChanged, envelope: CloudEvent, clock: Clock) -> None:
    case = session.get(DunningCase, uuid.UUID(event.case_id))
    if case is not None:  # before validation there is nothing to dun; the validation carries the balance
        case.balance = event.balance


def on_payment_recorded(*, session: Session, event: PaymentRecorded, envelope: CloudEvent, clock: Clock) -> None:
    case = session.get(DunningCase, uuid.UUID(event.case_id), with_for_update=True)
    if case is None:
        return  # paid before validation: the validation's snapshot already counts it, and no one is told twice
    if session.get(CasePayment, uuid.UUID(event.payment_id)) is not None:
        return
    if event.origin in COLLECTED and session.get(DunningCreditor, case.creditor_id) is None:
        raise PrerequisiteMissing(event.creditor_id, "the creditor to tell of this payment is not known yet")
    payment = CasePayment(
        payment_id=uuid.UUID(event.payment_id),
        case_id=case.case_id,
        amount=event.amount,
        received_on=event.received_on,
        origin=event.origin,
    )
    session.add(payment)
    if event.origin not in COLLECTED:
        return
    _measure_promise(session=session, case=case, event=event, payment=payment, clock=clock)
    allocated = allocate_payment(
        session=session, case=case, amount=event.amount, received_on=event.received_on, clock=clock
    )
    if allocated is not None:
        payment.plan_id, payment.plan_share = allocated
    tell_creditor_of_payment(
        session=session,
        case=case,
        amount=event.amount,
        currency=event.currency,
        received_on=event.received_on,
        origin=event.origin,
        commission=event.commission,
        clock=clock,
    )


def _measure_promise(
    *, session: Session, case: DunningCase, event: PaymentRecorded, payment: CasePayment, clock: Clock
) -> None:
    promise = session.exec(select(Promise).where(Promise.case_id == case.case_id, Promise.status == "open")).first()
    if promise is None:
        return
    promise.paid += event.amount
    payment.promise_id, payment.promise_share = promise.id, event.amount
    if promise.paid < promise.amount:
        return
    promise.status, promise.settled_on = "kept", today_in_paris(clock)
    record_event(
        session,
        PromiseKept(
            case_id=str(case.case_id),
            creditor_id=str(case.creditor_id),
            debtor_id=str(case.debtor_id),
            promise_id=str(promise.id),
            paid=promise.paid,
            kept_on=promise.settled_on,
        ),
        clock=clock,
        subject=str(case.case_id),
        tenant=str(case.creditor_id),
    )
    if honour_settlement(session=session, case=case, promise=promise, on=today_in_paris(clock), clock=clock):
        return  # the case waits, paused, for intake to write the rest off and close it
    if case.status == "promise":
        resume(session=session, case=case, clock=clock)


def on_payment_reversed(*, session: Session, event: PaymentReversed, envelope: CloudEvent, clock: Clock) -> None:
    """The case owes again what the payment paid: its balance moves back up, a case that the payment had
    closed as paid is dunned again from where its scenario stopped, what the payment gave a promise or a plan is
    taken back out (`payment_reversals`), and the creditor, told of the payment, is told of its reversal. A
    reversal of a payment dunning has not heard of yet waits for it (it travels with the case, so only a replay
    across topics can bring it first)."""
    case = session.get(DunningCase, uuid.UUID(event.case_id), with_for_update=True)
    if case is None:
        return  # reversed before validation: the validation's snapshot carries the balance
    payment = session.get(CasePayment, uuid.UUID(event.payment_id))
    if not event.before_validation and payment is None:
        raise PrerequisiteMissing(event.case_id, f"the reversed payment {event.payment_id} has not arrived yet")
    case.balance = event.balance
    if event.reopened_to == "amicable":
        reopen(session=session, case=case, clock=clock)
    if payment is not None and payment.reversed_on is None:
        take_back_payment(session=session, case=case, payment=payment, reversed_on=event.reversed_on, clock=clock)
        if payment.origin in COLLECTED:
            tell_creditor_of_reversal(session=session, case=case, event=event, clock=clock)


def on_case_paid(*, session: Session, event: CasePaid, envelope: CloudEvent, clock: Clock) -> None:
    case = session.get(DunningCase, uuid.UUID(event.case_id), with_for_update=True)
    if case is not None:
        stop_case(session=session, case=case, status="closed", clock=clock, note="the case is paid")


def on_case_closed(*, session: Session, event: CaseClosed, envelope: CloudEvent, clock: Clock) -> None:
    case = session.get(DunningCase, uuid.UUID(event.case_id), with_for_update=True)
    if case is not None:
        stop_case(session=session, case=case, status="closed", clock=clock, note=f"the case is closed ({event.reason})")


def on_case_status_changed(*, session: Session, event: CaseStatusChanged, envelope: CloudEvent, clock: Clock) -> None:
    case = session.get(DunningCase, uuid.UUID(event.case_id), with_for_update=True)
    if case is not None and event.to_status == "legal":
        stop_case(session=session, case=case, status="legal", clock=clock, note="the case went to court")
    elif case is not None and event.to_status == STAYED and case.status != STAYED:  # a replay tells no one twice
        note = "insolvency proceedings opened: individual actions are stayed (L622-21 C. com.)"
        stop_case(session=session, case=case, status=STAYED, clock=clock, note=note)
        tell_creditor_of_stay(session=session, case=case, clock=clock)


def on_document_attached(*, session: Session, event: DocumentAttached, envelope: CloudEvent, clock: Clock) -> None:
    """Kept whatever dunning knows of the case: a dispute's proof is read from it when asked (`dispute_proofs`)."""
    record_document(session, event)


HANDLERS: Handlers = {
    CreditorRegistered: on_creditor_registered,
    CreditorUpdated: on_creditor_updated,
    MandateSigned: on_mandate_signed,
    CaseValidated: on_case_validated,
    CaseBalanceChanged: on_case_balance_changed,
    PaymentRecorded: on_payment_recorded,
    PaymentReversed: on_payment_reversed,
    CasePaid: on_case_paid,
    CaseClosed: on_case_closed,
    CaseStatusChanged: on_case_status_changed,
    DocumentAttached: on_document_attached,
}

RUN_HANDLERS: RunHandlers = {CaseValidated: on_cases_validated}
