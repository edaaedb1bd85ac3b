"""Events intake consumes: bailiff collections become payments of source `bailiff`."""

from __future__ import annotations

import logging
import uuid

from sqlmodel import Session

from shared.clock import Clock
from shared.consumer import Handlers
from shared.events.envelope import CloudEvent
from shared.events.legal import FundsCollected

from intake.ledger.payments import find_payment
from intake.ledger.posting import PaymentFacts, post_payment
from intake.models import Case
from intake.money.commission import FundsSource

log = logging.getLogger(__name__)


def on_funds_collected(*, session: Session, event: FundsCollected, envelope: CloudEvent, clock: Clock) -> None:
    """The bailiff's report reference is the payment reference: a report seen twice is one payment. The receipt
    is rendered when first downloaded (the consumer holds no document store)."""
    case = session.get(Case, uuid.UUID(event.case_id))
    if case is None or str(case.creditor_id) != event.creditor_id:
        log.warning("funds collected for an unknown case %s: ignored", event.case_id)
        return
    if find_payment(session, case.creditor_id, event.reference) is not None:
        return
    facts = PaymentFacts(amount=event.amount, currency=event.currency, received_on=event.collected_on,
                         source=FundsSource.BAILIFF, reference=event.reference)
    post_payment(session, case, facts, principal=None, clock=clock)


HANDLERS: Handlers = {FundsCollected: on_funds_collected}
