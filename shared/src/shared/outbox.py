"""Transactional outbox: the event is written in the same transaction as the state change it reports.

The outbox is never purged: it is also the audit trail of what the service decided, and the source of
`recouvra replay`.

The transaction that stages an event also sends `NOTIFY recouvra_outbox` (PostgreSQL delivers it at commit, and
not at all on rollback), so that the relay waits on its connection instead of polling the table.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, DateTime, Identity, Index, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, Session, SQLModel

from shared.bulk_copy import JsonText, copy_rows
from shared.clock import Clock
from shared.events.base import Event, current_topic
from shared.events.envelope import CloudEvent
from shared.logs import REQUEST_ID_HEADER, request_id_var
from shared.plain_reads import plain_rows
from shared.table_rows import SetOnce

NOTIFY_CHANNEL = "recouvra_outbox"
_NOTIFIED = "recouvra.outbox_notified"


class OutboxMessage(SetOnce, SQLModel, table=True):
    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_unpublished", "seq", postgresql_where=text("published_at IS NULL")),
        Index("ix_outbox_created_at", "created_at"),
    )

    seq: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(always=True), primary_key=True))
    event_id: uuid.UUID = Field(unique=True)
    topic: str
    key: str | None = None
    event_type: str
    envelope: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    headers: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSONB, nullable=False))
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    published_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))

    def kafka_record(self, topic_prefix: str = "") -> dict[str, Any]:
        """Keyword arguments of `KafkaProducer.send` for this row."""
        return kafka_record(
            topic=self.topic,
            key=self.key,
            event_type=self.event_type,
            envelope=self.envelope,
            headers=self.headers,
            topic_prefix=topic_prefix,
        )


def kafka_record(
    *,
    topic: str,
    key: str | None,
    event_type: str,
    envelope: dict[str, Any] | str,
    headers: dict[str, str],
    topic_prefix: str = "",
) -> dict[str, Any]:
    """Keyword arguments of `KafkaProducer.send` for an outbox row's columns (the envelope read as a dictionary, or
    as the JSON text PostgreSQL gives)."""
    return {
        "topic": topic_prefix + current_topic(event_type, topic),
        "key": key.encode() if key else None,
        "value": (
            envelope if isinstance(envelope, str) else json.dumps(envelope, ensure_ascii=False, separators=(",", ":"))
        ).encode(),
        "headers": [(name, value.encode()) for name, value in headers.items()],
    }


def record_event(
    session: Session,
    event: Event,
    *,
    clock: Clock,
    subject: str | None = None,
    tenant: str | None = None,
) -> CloudEvent:
    """Stage `event` in the caller's transaction; the relay publishes it once the transaction commits.

    `subject` is the aggregate the event is about (the case id for case events) and is the Kafka key,
    so that every event of one case lands in one partition, in order.
    """
    now = clock.now()
    envelope = CloudEvent.wrap(event, subject=subject, tenant=tenant, time=now)
    headers = {REQUEST_ID_HEADER: rid} if (rid := request_id_var.get()) else {}
    session.add(
        OutboxMessage(
            event_id=uuid.UUID(envelope.id),
            topic=event.topic,
            key=subject,
            event_type=event.type,
            envelope=envelope.model_dump(mode="json", exclude_none=True),
            headers=headers,
            created_at=now,
        )
    )
    _notify_relay(session)
    return envelope


def record_events(session: Session, events: Iterable[tuple[Event, str | None, str | None]], *, clock: Clock) -> int:
    """Many events staged at once, each `(event, subject, tenant)` as `record_event` takes them, written with one
    COPY (a bulk import's thousands of events are not built and flushed as ORM objects). Returns how many."""
    rid = request_id_var.get()
    return record_events_of_requests(
        session, ((event, subject, tenant, rid) for event, subject, tenant in events), clock=clock
    )


def record_events_of_requests(
    session: Session, events: Iterable[tuple[Event, str | None, str | None, str | None]], *, clock: Clock
) -> int:
    """`record_events` for events of different requests, each `(event, subject, tenant, request id)`: what a run of
    events applied together stages, each on the account of the event that led to it (`shared.consumer_runs`)."""
    now = clock.now()
    rows = (
        {
            "event_id": uuid.UUID(event_id),
            "topic": event.topic,
            "key": subject,
            "event_type": event.type,
            "envelope": JsonText(envelope),
            "headers": {REQUEST_ID_HEADER: rid} if rid else {},
            "created_at": now,
        }
        for event, subject, tenant, rid in events
        for event_id, envelope in (CloudEvent.wrap_as_text(event, subject=subject, tenant=tenant, time=now),)
    )
    count = copy_rows(session, OutboxMessage, rows)
    if count:
        _notify_relay(session)
    return count


def _notify_relay(session: Session) -> None:
    """Once per (sub)transaction: a savepoint rolled back takes its NOTIFY with it, so a later event of the
    enclosing transaction sends its own; PostgreSQL folds the repeats of one transaction into one."""
    connection = session.connection()  # begins the transaction when none is open yet
    scope = session.get_nested_transaction() or session.get_transaction()
    if session.info.get(_NOTIFIED) is scope or connection.dialect.name != "postgresql":
        return
    # on the driver's connection, not through the session: a session's execute would flush the caller's pending rows
    # here, and a unique violation the caller expects at its commit (a race it answers 409) would surface early; and
    # plain, for a consumer's batch sends one a savepoint
    plain_rows(session, "SELECT pg_notify(%(channel)s, '')", {"channel": NOTIFY_CHANNEL})
    session.info[_NOTIFIED] = scope
