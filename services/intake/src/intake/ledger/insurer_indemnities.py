"""A credit insurer's indemnity (legal's `InsuranceIndemnityPaid`) recorded on the case as a payment of source
`insurer`.

The insurer paid the creditor, not the agency, and is subrogated in the creditor's rights for that part (art. 1346-1
C. civ., the policy's subrogation receipt): what the case claims for the creditor drops by the indemnity, as with any
payment by a third party, allocated by the same rules (art. 1342-10, 1343-1). The agency holds none of it and earns
no commission on it (it did not collect it); the debtor paid nothing, so no receipt is issued and prescription does
not restart (art. 2240 C. civ. needs the debtor's acknowledgment)."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from shared.clock import Clock
from shared.consumer import EventRefused
from shared.events.envelope import CloudEvent
from shared.events.legal_insurance import InsuranceIndemnityPaid
from shared.waiting_room import PrerequisiteMissing

from intake.cases.models import Case
from intake.ledger.payments import find_payment
from intake.ledger.posting import PaymentFacts, post_payment
from intake.money.commission import FundsSource


def on_insurance_indemnity_paid(
    *, session: Session, event: InsuranceIndemnityPaid, envelope: CloudEvent, clock: Clock
) -> None:
    """The claim's reference is the payment's: an indemnity delivered twice is one payment. One for a case intake
    does not hold waits in the waiting room (across services there is no order: a replay into a fresh intake may
    bring it first); one naming another creditor, or a closed case, is refused for a person to look at, never
    posted to a guess."""
    case = session.get(Case, uuid.UUID(event.case_id))
    if case is None:
        raise PrerequisiteMissing(
            event.case_id, f"insurance indemnity for case {event.case_id}, which intake does not hold"
        )
    if str(case.creditor_id) != event.creditor_id:
        raise EventRefused(
            f"insurance indemnity for case {event.case_id} names creditor {event.creditor_id}, "
            f"but the case belongs to creditor {case.creditor_id}"
        )
    if find_payment(session, case.creditor_id, event.reference) is not None:
        return
    if case.status == "closed":
        raise EventRefused(
            f"insurance indemnity {event.reference} for case {case.reference}, closed ({case.closure_reason}): "
            "the indemnity cannot lower a closed case's claim; record it by hand once checked"
        )
    facts = PaymentFacts(
        amount=event.amount,
        currency=event.currency,
        received_on=event.paid_on,
        source=FundsSource.INSURER,
        reference=event.reference,
    )
    post_payment(session, case, facts, principal=None, clock=clock)
