"""Events the portal consumes: intake's creditor registrations for its directory, and every service's case events
for the case timeline (`portal.timeline.catalogue`)."""

from __future__ import annotations

import uuid

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session

from shared.clock import Clock
from shared.consumer import Handlers
from shared.events.envelope import CloudEvent
from shared.events.intake import CreditorRegistered

from portal.models import CreditorDirectoryEntry
from portal.timeline.recording import TIMELINE_HANDLERS


def on_creditor_registered(*, session: Session, event: CreditorRegistered, envelope: CloudEvent, clock: Clock) -> None:
    """An upsert: the entry may already be there, recorded by a fresh read of intake when a user was created for
    the creditor before this event arrived; the event then only brings the name and the registration instant."""
    values = {"creditor_id": uuid.UUID(event.creditor_id), "name": event.name, "registered_at": envelope.time}
    statement = insert(CreditorDirectoryEntry).values(**values)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["creditor_id"],
            set_={"name": statement.excluded.name, "registered_at": statement.excluded.registered_at},
        )
    )


HANDLERS: Handlers = {CreditorRegistered: on_creditor_registered, **TIMELINE_HANDLERS}
