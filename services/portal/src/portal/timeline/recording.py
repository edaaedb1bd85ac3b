"""Case events become timeline entries: one handler per event of the catalogue, each writing at most one entry
keyed by the event's id, so that a redelivery or a replay writes nothing more.

Entries are filed by the event's own instant, not by the order they arrive in: dunning's and legal's events have
no order against intake's, and the timeline lists them as they happened whatever the broker did."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, select

from shared.clock import Clock
from shared.consumer import EventRefused, Handler, Handlers, RunHandlers
from shared.consumer_runs import RunEvent, RunHandler
from shared.events.base import Event
from shared.events.envelope import CloudEvent
from shared.plain_reads import plain_rows
from shared.waiting_room import PrerequisiteMissing

from portal.timeline.catalogue import CATALOGUE, service_and_type
from portal.timeline.models import TimelineEntry
from portal.timeline.wording import Describer
from portal.webhooks.queueing import queue_entry_deliveries


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
        values = _entry(session, event, envelope, service=service, kind=kind, describe=describe)
        if values is not None:
            insert_entries(session, [values])

    on_event.__name__ = f"on_{kind.replace('.', '_')}_for_the_timeline"
    return on_event


def entries_writer(event_cls: type[Event], describe: Describer) -> RunHandler:
    """`entry_writer` for a run of events of one type (`shared.consumer_runs`): their entries in one statement."""
    service, kind = service_and_type(event_cls)

    def on_events(*, session: Session, events: Sequence[RunEvent], clock: Clock) -> None:
        entries = (
            _entry(session, item.event, item.envelope, service=service, kind=kind, describe=describe) for item in events
        )
        insert_entries(session, [values for values in entries if values is not None])

    on_events.__name__ = f"on_{kind.replace('.', '_')}_run_for_the_timeline"
    return on_events


def _entry(
    session: Session, event: Any, envelope: CloudEvent, *, service: str, kind: str, describe: Describer
) -> dict[str, Any] | None:
    """The entry the event writes, None when it writes none."""
    told = describe(event)
    if told is None:
        return None
    case_id = _uuid(event.case_id, "case_id")
    return {
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


def insert_entries(session: Session, entries: list[dict[str, Any]]) -> None:
    """The entries, keyed by their events' ids (all different): one an event already wrote is left as it is. The new
    ones are queued for the creditors' webhooks in the same transaction (`portal.webhooks.queueing`)."""
    if entries:
        columns = {name: [entry[name] for entry in entries] for name in _COLUMNS}
        written = {row[0] for row in plain_rows(session, _INSERT, columns)}
        queue_entry_deliveries(session, [entry for entry in entries if entry["event_id"] in written])


# One plain statement whatever the number of entries (`shared.plain_reads`): its text does not change with it, so
# PostgreSQL prepares it once; a multi-row insert built by SQLAlchemy was compiled anew for each number of rows.
_COLUMNS = (
    "event_id",
    "case_id",
    "creditor_id",
    "at",
    "service",
    "type",
    "channel",
    "summary_fr",
    "summary_en",
    "document",
)
_INSERT = (
    "INSERT INTO timeline_entries (event_id, case_id, creditor_id, at, service, type, channel, summary_fr, "
    "summary_en, document) SELECT * FROM unnest(%(event_id)s::varchar[], %(case_id)s::uuid[], "
    "%(creditor_id)s::uuid[], %(at)s::timestamptz[], %(service)s::varchar[], %(type)s::varchar[], "
    "%(channel)s::varchar[], %(summary_fr)s::varchar[], %(summary_en)s::varchar[], %(document)s::varchar[]) "
    "ON CONFLICT (event_id) DO NOTHING RETURNING event_id"
)


TIMELINE_HANDLERS: Handlers = {event_cls: entry_writer(event_cls, describe) for event_cls, describe in CATALOGUE}
TIMELINE_RUN_HANDLERS: RunHandlers = {
    event_cls: entries_writer(event_cls, describe) for event_cls, describe in CATALOGUE
}
