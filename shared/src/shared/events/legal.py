"""Events of legal: court procedures, partner bailiffs' missions, funds they collect."""

from __future__ import annotations

from datetime import date

from shared.events.base import Event
from shared.money import Amount


class FundsCollected(Event):
    """A partner bailiff collected funds for a case (reported through the partner API). Intake records them
    as a payment of source `bailiff`; `reference` makes the report idempotent."""

    type = "recouvra.legal.mission.funds_collected.v1"
    topic = "legal.procedures"

    mission_id: str
    case_id: str
    creditor_id: str
    amount: Amount
    currency: str
    collected_on: date
    reference: str
