"""Case events become timeline entries: one handler per event of the catalogue, each writing at most one entry
keyed by the event's id, so that a redelivery or a replay writes nothing more.

Entries are filed by the event's own instant, not by the order they arrive in: dunning's and legal's events have
no order against intake's, and the timeline lists them as they happened whatever the broker did."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, select

from shared.clock import Clock
from shared.consumer import EventRefused, Handler, Handlers
from shared.events.base import Event
from shared.events.envelope import CloudEvent
from shared.waiting_room import PrerequisiteMissing

from portal.timeline.catalogue import CATALOGUE, service_and_type
from portal.timeline.models import TimelineEntry
from portal.timeline.wording import Describer


def _uuid(value: object, name: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise EventRefused(f"{name} {value!r} is not a UUID: no case can be filed under it") from None


def creditor_of(session: Session, event: Any, envelope: CloudEvent, case_id: uuid.UUID) -> uuid.UUID:
    """The creditor the entry is shown to: the event's own, else the envelope's tenant, else the creditor of the
    case's entries already recorded; an event that names none waits for the case to be heard of."""
    named = getattr(event, "creditor_id", None) or envelope.tenant
    if named:
        return _uuid(named, "creditor_id")
    known = session.exec(select(TimelineEntry.creditor_id).where(TimelineEntry.case_id == case_id).limit(1)).first()
    if known is None:
        raise PrerequisiteMissing(case_id, f"case {case_id} has no known creditor yet")
    return known


def entry_writer(event_cls: type[Event], describe: Describer) -> Handler:
    service, kind = service_and_type(event_cls)

    def on_event(*, session: Session, event: Any, envelope: CloudEvent, clock: Clock) -> None:
        told = describe(event)
        if told is None:
            return
        case_id = _uuid(event.case_id, "case_id")
        values = {
            "event_id": envelope.id,
            "case_id": case_id,
            "creditor_id": creditor_of(session, event, envelope, case_id),
            "at": envelope.time,
            "service": service,
            "type": kind,
            "channel": told.channel,
            "summary_fr": told.fr,
            "summary_en": told.en,
            "document": told.document,
        }
        session.execute(insert(TimelineEntry).values(**values).on_conflict_do_nothing(index_elements=["event_id"]))

    on_event.__name__ = f"on_{kind.replace('.', '_')}_for_the_timeline"
    return on_event


TIMELINE_HANDLERS: Handlers = {event_cls: entry_writer(event_cls, describe) for event_cls, describe in CATALOGUE}
