"""One event applied in a consumer's transaction: by its handler, or parked in the waiting room when an earlier
event of its key waits there or its handler finds a prerequisite missing (`shared.waiting_room`). Used one event at
a time (`shared.consumer`) and by batches (`shared.consumer_batch`)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from kafka.consumer.fetcher import ConsumerRecord
from sqlmodel import Session

from shared.clock import Clock
from shared.consumer_outcomes import record_headers
from shared.events.base import Event
from shared.events.envelope import CloudEvent
from shared.inbox import mark
from shared.waiting_room import BEHIND, BatchRoom, ChainHead, ParkedEvent, PrerequisiteMissing, head_of_chain, park

log = logging.getLogger("shared.consumer")


def apply_or_park(
    session: Session,
    record: ConsumerRecord,
    envelope: CloudEvent,
    event_cls: type[Event],
    handler: Any,
    *,
    clock: Clock,
    room: BatchRoom | None = None,
    own_savepoint: bool = True,
) -> str:
    """Returns "applied" or "parked". The handler runs in a savepoint of its own, rolled back when it raises
    `PrerequisiteMissing` before the event is parked; unless `own_savepoint` is False: the caller's savepoint then
    holds the handler's writes (and the inbox claim), and the caller parks the event on `PrerequisiteMissing`, which
    is let through (a batch spares each event a savepoint so)."""
    event = event_cls.model_validate(envelope.data)
    waiting: ChainHead | ParkedEvent | None
    if room is not None:
        waiting = room.head(record.topic, record.key)
    else:
        waiting = head_of_chain(session, topic=record.topic, key=record.key)
    if waiting is not None:
        reason = f"queued behind {waiting.event_type} {waiting.event_id}"
        park_record(
            session, record, envelope, awaiting=BEHIND + waiting.event_id, reason=reason, at=clock.now(), room=room
        )
        return "parked"
    if not own_savepoint:
        handler(session=session, event=event, envelope=envelope, clock=clock)
        return "applied"
    try:
        with session.begin_nested():
            handler(session=session, event=event, envelope=envelope, clock=clock)
        return "applied"
    except PrerequisiteMissing as missing:
        park_record(
            session, record, envelope, awaiting=missing.awaiting, reason=missing.reason, at=clock.now(), room=room
        )
        return "parked"


def park_record(
    session: Session,
    record: ConsumerRecord,
    envelope: CloudEvent,
    *,
    awaiting: str,
    reason: str,
    at: datetime,
    room: BatchRoom | None = None,
) -> None:
    """The event parked, its inbox row marked so, and the batch's view of the waiting room told."""
    park(
        session,
        event_id=envelope.id,
        event_type=envelope.type,
        topic=record.topic,
        partition=record.partition,
        offset=record.offset,
        key=record.key,
        value=record.value,
        headers=record_headers(record),
        awaiting=awaiting,
        reason=reason,
        at=at,
    )
    mark(session, event_id=envelope.id, status="parked")
    if room is not None:
        room.parked(
            topic=record.topic, key=record.key, event_id=envelope.id, event_type=envelope.type, awaiting=awaiting
        )
    log.info("event parked: %s", reason, extra={"event_id": envelope.id, "event_type": envelope.type})
