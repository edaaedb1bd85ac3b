"""Events the portal consumes."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from shared.clock import Clock
from shared.consumer import Handlers
from shared.events.envelope import CloudEvent
from shared.events.intake import CreditorRegistered

from portal.models import CreditorDirectoryEntry


def on_creditor_registered(*, session: Session, event: CreditorRegistered, envelope: CloudEvent, clock: Clock) -> None:
    entry = session.get(CreditorDirectoryEntry, uuid.UUID(event.creditor_id))
    if entry is None:
        session.add(CreditorDirectoryEntry(creditor_id=uuid.UUID(event.creditor_id), name=event.name,
                                           registered_at=envelope.time))
    else:
        entry.name = event.name


HANDLERS: Handlers = {CreditorRegistered: on_creditor_registered}
