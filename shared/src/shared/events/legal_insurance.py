"""Events of legal: insurance. Every legal event about a case travels on `legal.procedures`, keyed by the case id.

A creditor insured against its debtors' default declares a threat of loss (menace de sinistre) to its credit insurer
before the policy's deadline (`InsuranceClaimDeclared`); once the insurer pays the indemnity, it is subrogated in the
creditor's rights for that part (`InsuranceIndemnityPaid`): intake records the indemnity on the case as a payment of
origin `insurer`, which lowers what the case still claims for the creditor."""

from __future__ import annotations

from datetime import date

from shared.events.base import Event
from shared.money import Amount

TOPIC = "legal.procedures"


class InsuranceClaimDeclared(Event):
    """Staff declared the case's threat of loss to the creditor's credit insurer on `declared_on`, within the
    policy's deadline (`deadline`: the oldest unpaid due date plus the policy's days)."""

    type = "recouvra.legal.insurance_claim.declared.v1"
    topic = TOPIC

    claim_id: str
    case_id: str
    creditor_id: str
    insurer_id: str
    policy_number: str
    declared_on: date
    deadline: date
    declared_amount: Amount
    currency: str


class InsuranceIndemnityPaid(Event):
    """The credit insurer paid the creditor `amount` on `paid_on` for the case's loss, and is subrogated for that
    part (art. 1346-1 C. civ., the policy's subrogation receipt). `reference` is the claim's: intake records the
    indemnity once, as a payment of origin `insurer` that the agency does not hold and earns no commission on."""

    type = "recouvra.legal.insurance_claim.indemnity_paid.v1"
    topic = TOPIC

    claim_id: str
    case_id: str
    creditor_id: str
    insurer_id: str
    amount: Amount
    currency: str
    paid_on: date
    reference: str
