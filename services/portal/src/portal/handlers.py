"""Events the portal consumes: intake's creditor registrations and corrections for its directory, and every
service's case events for the case timeline (`portal.timeline.catalogue`)."""

from __future__ import annotations

import uuid

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session

from shared.clock import Clock
from shared.consumer import Handlers, RunHandlers
from shared.events.envelope import CloudEvent
from shared.events.intake import CreditorRegistered, CreditorUpdated
from shared.waiting_room import PrerequisiteMissing

from portal.identity.models import CreditorDirectoryEntry
from portal.timeline.recording import TIMELINE_HANDLERS, TIMELINE_RUN_HANDLERS


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


def on_creditor_updated(*, session: Session, event: CreditorUpdated, envelope: CloudEvent, clock: Clock) -> None:
    """Intake keys both events by the creditor, so the registration is delivered first; an entry still missing
    (the registration parked, or not consumed yet) makes the correction wait for it rather than invent one."""
    entry = session.get(CreditorDirectoryEntry, uuid.UUID(event.creditor_id))
    if entry is None:
        raise PrerequisiteMissing(event.creditor_id, "the creditor to rename is not in the portal's directory yet")
    entry.name = event.name
    session.add(entry)


HANDLERS: Handlers = {
    CreditorRegistered: on_creditor_registered,
    CreditorUpdated: on_creditor_updated,
    **TIMELINE_HANDLERS,
}
RUN_HANDLERS: RunHandlers = TIMELINE_RUN_HANDLERS
