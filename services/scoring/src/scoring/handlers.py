"""Events scoring consumes to keep its own projection (it never calls intake to compute a score)."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from shared.clock import Clock
from shared.consumer import Handlers
from shared.events.envelope import CloudEvent
from shared.events.intake import CreditorRegistered

from scoring.models import ScoringCreditor


def on_creditor_registered(*, session: Session, event: CreditorRegistered, envelope: CloudEvent, clock: Clock) -> None:
    creditor = session.get(ScoringCreditor, uuid.UUID(event.creditor_id))
    if creditor is None:
        session.add(ScoringCreditor(creditor_id=uuid.UUID(event.creditor_id), name=event.name, registered_at=envelope.time))
    else:
        creditor.name = event.name


HANDLERS: Handlers = {CreditorRegistered: on_creditor_registered}
