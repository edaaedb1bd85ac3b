"""A settlement dunning reports honoured (the debtor paid the agreed amount by its day): what the case still owes on
that day, penalties and indemnities included, is written off (the creditor gave it up, art. 2044 C. civ.) and the
case closes as `settled`. The write-off moves no money and bears no commission (`money.commission`).

Dunning learns of a case only from intake, so an event naming a case intake does not hold, or another creditor, is
refused. Seen twice, the settlement is written off once (its reference); a case already closed (paid in full by the
settlement's own payment, or closed by staff meanwhile) is left as it is."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from shared.clock import Clock
from shared.consumer import EventRefused
from shared.events.dunning_settlements import SettlementHonoured
from shared.events.envelope import CloudEvent

from intake.cases.models import Case
from intake.ledger.payments import find_payment
from intake.ledger.posting import PaymentFacts, post_payment
from intake.ledger.statements import compute_statement
from intake.money.commission import FundsSource


def settlement_reference(settlement_id: str) -> str:
    return f"ACCORD-{settlement_id}"


def on_settlement_honoured(*, session: Session, event: SettlementHonoured, envelope: CloudEvent, clock: Clock) -> None:
    case = session.get(Case, uuid.UUID(event.case_id), with_for_update=True, populate_existing=True)
    if case is None:
        raise EventRefused(f"settlement honoured on case {event.case_id}, which intake does not hold")
    if str(case.creditor_id) != event.creditor_id:
        raise EventRefused(
            f"settlement honoured on case {event.case_id} names creditor {event.creditor_id}, "
            f"but the case belongs to creditor {case.creditor_id}"
        )
    reference = settlement_reference(event.settlement_id)
    if case.status == "closed" or find_payment(session, case.creditor_id, reference) is not None:
        return
    statement = compute_statement(session, case, as_of=event.honoured_on)
    if statement.balance <= 0:
        return
    facts = PaymentFacts(
        amount=statement.balance,
        currency=statement.currency,
        received_on=event.honoured_on,
        source=FundsSource.WRITE_OFF,
        reference=reference,
    )
    post_payment(session, case, facts, principal=None, clock=clock, closes_as="settled")
