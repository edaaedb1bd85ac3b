"""The waiting room: events whose prerequisite has not arrived yet wait here instead of being dropped.

Across services there is no order (scoring may hear of a payment before the validation that placed the case, a
portal may hear of a user before its creditor). A handler that finds what it needs missing raises
`PrerequisiteMissing`; the consumer parks the event in its own database, in the same transaction as the inbox row,
and applies it again when the awaited record arrives (an event whose subject is the awaited id), or on the
consumer's timer. Events of the same partition key queue behind a parked one, so a case's own order holds.
Only after `waiting_room_patience_h` hours of the injected clock is a parked event sent to the dead-letter topic,
with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy import BigInteger, Column, DateTime, Identity, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, Session, SQLModel, col, func, select
from sqlmodel.sql.expression import SelectOfScalar

from shared.plain_reads import plain_rows

BEHIND = "behind:"
"""`awaiting` of an event queued behind an earlier parked event of the same partition key"""


class PrerequisiteMissing(Exception):
    """Raised by a handler: `awaiting` (the id of the missing record, as events name it in their subject) has not
    arrived yet. The handler's partial writes are rolled back; the event waits."""

    def __init__(self, awaiting: object, reason: str) -> None:
        super().__init__(reason)
        self.awaiting = str(awaiting)
        self.reason = reason


class ParkedEvent(SQLModel, table=True):
    __tablename__ = "parked_events"
    __table_args__ = (Index("ix_parked_events_awaiting", "awaiting"), Index("ix_parked_events_chain", "topic", "key"))

    seq: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(always=True), primary_key=True))
    event_id: str = Field(sa_column=Column(String, unique=True, nullable=False))
    event_type: str
    topic: str
    partition: int = Field(sa_column=Column(Integer, nullable=False))
    offset: int = Field(sa_column=Column(BigInteger, nullable=False))
    key: str | None = None
    value: str = Field(sa_column=Column(Text, nullable=False))
    headers: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSONB, nullable=False))
    awaiting: str
    reason: str
    attempts: int = 1
    parked_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    last_tried_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


def park(
    session: Session,
    *,
    event_id: str,
    event_type: str,
    topic: str,
    partition: int,
    offset: int,
    key: bytes | None,
    value: bytes,
    headers: dict[str, str],
    awaiting: str,
    reason: str,
    at: datetime,
) -> None:
    session.add(
        ParkedEvent(
            event_id=event_id,
            event_type=event_type,
            topic=topic,
            partition=partition,
            offset=offset,
            key=key.decode(errors="replace") if key is not None else None,
            value=value.decode(),
            headers=headers,
            awaiting=awaiting,
            reason=reason,
            parked_at=at,
            last_tried_at=at,
        )
    )


@dataclass(frozen=True)
class ChainHead:
    event_id: str
    event_type: str


class BatchRoom:
    """The waiting room as a batch of events sees it when it was empty at the batch's start (one look,
    `empty_room`): the chains and awaited records are then only those the batch itself parks. It spares every event
    of the common case its two look-ups (`head_of_chain`, `is_awaited`); a batch that finds anything parked asks
    them event by event. What another replica parks meanwhile is released by its sweep, as a park racing an
    event's own look-up always was."""

    def __init__(self) -> None:
        self._heads: dict[tuple[str, str], ChainHead] = {}
        self._awaited: set[str] = set()

    def head(self, topic: str, key: bytes | None) -> ChainHead | None:
        return None if key is None else self._heads.get((topic, key.decode(errors="replace")))

    def awaits(self, subject: str) -> bool:
        return subject in self._awaited

    def parked(self, *, topic: str, key: bytes | None, event_id: str, event_type: str, awaiting: str) -> None:
        if key is not None:
            self._heads.setdefault((topic, key.decode(errors="replace")), ChainHead(event_id, event_type))
        self._awaited.add(awaiting)


def empty_room(session: Session) -> BatchRoom | None:
    """A `BatchRoom` when nothing is parked (one look, once per batch), else None: look event by event."""
    # plain (`shared.plain_reads`): asked once per batch of every consumer, where SQLAlchemy's statement cost more
    # than PostgreSQL's answer; nothing the batch stages is a parked event yet, so nothing needs flushing first
    return BatchRoom() if not plain_rows(session, "SELECT 1 FROM parked_events LIMIT 1", {}) else None


def head_of_chain(session: Session, *, topic: str, key: bytes | None) -> ParkedEvent | None:
    """The earliest parked event of this partition key, which a later event of the same key must queue behind."""
    if key is None:
        return None
    found: ParkedEvent | None = (
        session.execute(_head_of_chain(), {"topic": topic, "key": key.decode(errors="replace")}).scalars().first()
    )
    return found


def is_awaited(session: Session, subject: str) -> bool:
    """Whether a parked event waits for `subject` (an index look-up, made in the applying transaction)."""
    return session.execute(_awaited(), {"subject": subject}).first() is not None


# Both are asked for every event a consumer applies: built once, their parameters bound at each execution.


@cache
def _head_of_chain() -> SelectOfScalar[ParkedEvent]:
    return (
        select(ParkedEvent)
        .where(ParkedEvent.topic == sa.bindparam("topic"), ParkedEvent.key == sa.bindparam("key"))
        .order_by(col(ParkedEvent.seq))
        .limit(1)
    )


@cache
def _awaited() -> SelectOfScalar[int | None]:
    return select(col(ParkedEvent.seq)).where(ParkedEvent.awaiting == sa.bindparam("subject")).limit(1)


def chains_awaiting(session: Session, awaited: set[str] | None, *, limit: int = 500) -> list[tuple[str, str | None]]:
    """The (topic, key) chains whose head waits for one of `awaited` (all chains when None), oldest first."""
    heads = (
        select(ParkedEvent.topic, ParkedEvent.key, func.min(ParkedEvent.seq).label("first"))
        .group_by(col(ParkedEvent.topic), col(ParkedEvent.key))
        .subquery()
    )
    query = select(heads.c.topic, heads.c.key).order_by(heads.c.first).limit(limit)
    if awaited is not None:
        query = query.join(ParkedEvent, col(ParkedEvent.seq) == heads.c.first).where(
            col(ParkedEvent.awaiting).in_(awaited)
        )
    return [(topic, key) for topic, key in session.exec(query).all()]


def chain(session: Session, *, topic: str, key: str | None) -> list[ParkedEvent]:
    condition = col(ParkedEvent.key).is_(None) if key is None else ParkedEvent.key == key
    return list(
        session.exec(
            select(ParkedEvent).where(ParkedEvent.topic == topic, condition).order_by(col(ParkedEvent.seq))
        ).all()
    )


def count_parked(session: Session) -> int:
    return session.exec(select(func.count()).select_from(ParkedEvent)).one()


def list_parked(session: Session, *, offset: int, limit: int) -> tuple[list[ParkedEvent], int]:
    items = session.exec(select(ParkedEvent).order_by(col(ParkedEvent.seq)).offset(offset).limit(limit)).all()
    return list(items), count_parked(session)


def create_table(op: Any) -> None:
    """Used by each service's migration: the table is the kernel's, the database the service's."""
    op.create_table(
        "parked_events",
        sa.Column("seq", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("event_type", sa.String(), nullable=False),
        sa.Column("topic", sa.String(), nullable=False),
        sa.Column("partition", sa.Integer(), nullable=False),
        sa.Column("offset", sa.BigInteger(), nullable=False),
        sa.Column("key", sa.String(), nullable=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("headers", JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("awaiting", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("parked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_tried_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("event_id"),
    )
    op.create_index("ix_parked_events_awaiting", "parked_events", ["awaiting"])
    op.create_index("ix_parked_events_chain", "parked_events", ["topic", "key"])


def drop_table(op: Any) -> None:
    op.drop_index("ix_parked_events_chain", table_name="parked_events")
    op.drop_index("ix_parked_events_awaiting", table_name="parked_events")
    op.drop_table("parked_events")
