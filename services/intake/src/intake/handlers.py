"""Events intake consumes: bailiff collections become payments of source `bailiff`; a formal notice dunning reports
as received sets the case's notice dates, from which a consumer's legal interest runs; a credit insurer's indemnity
becomes a payment of source `insurer` (`intake.ledger.insurer_indemnities`); a court procedure legal opened moves
the case to the legal phase, its closing is written in the case's history, and an insolvency administrator's
payment is recorded (`intake.ledger.legal_procedures`); a settlement dunning reports honoured writes off the rest
and closes the case as settled (`intake.ledger.settlements`).

Dunning's disputes are not consumed: intake holds no dispute state (no case status, statement or remittance rule
depends on one); dunning holds them, and scoring counts them."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from shared.clock import Clock
from shared.consumer import EventRefused, Handlers
from shared.events.dunning import FormalNoticeReceived
from shared.events.dunning_settlements import SettlementHonoured
from shared.events.envelope import CloudEvent
from shared.events.legal import FundsCollected
from shared.events.legal_insurance import InsuranceIndemnityPaid
from shared.events.legal_procedures import AdministratorPaid, ProcedureClosed, ProcedureOpened
from shared.waiting_room import PrerequisiteMissing

from intake.cases.models import Case
from intake.ledger.insurer_indemnities import on_insurance_indemnity_paid
from intake.ledger.legal_procedures import on_administrator_paid, on_procedure_closed, on_procedure_opened
from intake.ledger.notice_receipts import record_notice_receipt
from intake.ledger.payments import find_payment
from intake.ledger.posting import PaymentFacts, post_payment
from intake.ledger.settlements import on_settlement_honoured
from intake.money.commission import FundsSource
from intake.money.formal_notice import FormalNotice


def on_funds_collected(*, session: Session, event: FundsCollected, envelope: CloudEvent, clock: Clock) -> None:
    """The bailiff's report reference is the payment reference: a report seen twice is one payment. The receipt
    is rendered when first downloaded (the consumer holds no document store)."""
    case = session.get(Case, uuid.UUID(event.case_id))
    if case is None:
        raise PrerequisiteMissing(
            event.case_id, f"funds collected for case {event.case_id}, which intake does not hold"
        )
    if str(case.creditor_id) != event.creditor_id:
        # client money is never posted to a guess: the dead-letter topic keeps the report for a person to look at
        raise EventRefused(
            f"funds collected for case {event.case_id} name creditor {event.creditor_id}, "
            f"but the case belongs to creditor {case.creditor_id}"
        )
    if find_payment(session, case.creditor_id, event.reference) is not None:
        return
    facts = PaymentFacts(
        amount=event.amount,
        currency=event.currency,
        received_on=event.collected_on,
        source=FundsSource.BAILIFF,
        reference=event.reference,
    )
    post_payment(session, case, facts, principal=None, clock=clock)


def on_formal_notice_received(
    *, session: Session, event: FormalNoticeReceived, envelope: CloudEvent, clock: Clock
) -> None:
    """Dunning learns of a case only from intake, so an unknown case will not arrive later: the event is refused,
    as is one naming another creditor than the case's or a receipt before the sending."""
    # Locked before the held notice is compared: a staff correction committed meanwhile is what the reported
    # notice must beat, never overwritten by a decision taken on the dates it replaced.
    case = session.get(Case, uuid.UUID(event.case_id), with_for_update=True, populate_existing=True)
    if case is None:
        raise EventRefused(f"formal notice received for case {event.case_id}, which intake does not hold")
    if str(case.creditor_id) != event.creditor_id:
        raise EventRefused(
            f"formal notice received for case {event.case_id} names creditor {event.creditor_id}, "
            f"but the case belongs to creditor {case.creditor_id}"
        )
    if event.received_on < event.sent_on:
        raise EventRefused(
            f"formal notice for case {event.case_id} received on {event.received_on}, before it was sent "
            f"({event.sent_on})"
        )
    notice = FormalNotice(sent_on=event.sent_on, received_on=event.received_on)
    record_notice_receipt(session, case, notice, message_id=event.message_id, event_id=envelope.id, clock=clock)


HANDLERS: Handlers = {
    FundsCollected: on_funds_collected,
    FormalNoticeReceived: on_formal_notice_received,
    InsuranceIndemnityPaid: on_insurance_indemnity_paid,
    ProcedureOpened: on_procedure_opened,
    ProcedureClosed: on_procedure_closed,
    AdministratorPaid: on_administrator_paid,
    SettlementHonoured: on_settlement_honoured,
}
