"""Inbox: the id of every event a consumer applied, written in the same transaction as its effect.

A redelivered event finds its id already there and is skipped, so handlers are idempotent by
construction even though delivery is at-least-once.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from sqlalchemy import Column, DateTime, String, Update, bindparam
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.sql.dml import ReturningInsert
from sqlmodel import Field, Session, SQLModel, col, update


class InboxMessage(SQLModel, table=True):
    __tablename__ = "inbox"

    event_id: str = Field(sa_column=Column(String, primary_key=True))
    event_type: str
    topic: str
    status: str = "applied"
    """`applied`; `parked` while it waits in the waiting room for its prerequisite; `dead_lettered` when the handler
    kept failing (or the wait outlasted the patience) and the event went to the DLQ"""
    received_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


def claim(
    session: Session, *, event_id: str, event_type: str, topic: str, at: datetime, status: str = "applied"
) -> bool:
    """Record the event id; False when it was already recorded (a duplicate delivery).

    An event that was dead-lettered is not a duplicate when it comes again (replayed once its handler is
    fixed): the claim turns its row to `applied`, in the same transaction as the effect."""
    params = {"p_event_id": event_id, "p_event_type": event_type, "p_topic": topic, "p_status": status, "p_at": at}
    return session.execute(_claim(), params).first() is not None


def mark(session: Session, *, event_id: str, status: str) -> None:
    """Record what became of an event already claimed (parked, applied once released, dead-lettered)."""
    session.execute(_mark(), {"p_event_id": event_id, "p_status": status})


# Every event a consumer takes runs these: they are built once, with their parameters bound at each execution
# (building the claim's INSERT ... ON CONFLICT and its cache key cost more CPU than PostgreSQL takes to run it).


@cache
def _claim() -> ReturningInsert[tuple[str]]:
    # a parameter may not be named as its column (SQLAlchemy keeps those names for its own VALUES and SET)
    values = insert(InboxMessage).values(
        event_id=bindparam("p_event_id"),
        event_type=bindparam("p_event_type"),
        topic=bindparam("p_topic"),
        status=bindparam("p_status"),
        received_at=bindparam("p_at"),
    )
    return values.on_conflict_do_update(
        index_elements=["event_id"],
        set_={"status": values.excluded.status, "received_at": values.excluded.received_at},
        where=(col(InboxMessage.status) == "dead_lettered") & (values.excluded.status == "applied"),
    ).returning(col(InboxMessage.event_id))


@cache
def _mark() -> Update:
    return (
        update(InboxMessage)
        .where(col(InboxMessage.event_id) == bindparam("p_event_id"))
        .values(status=bindparam("p_status"))
    )
