"""Inbox: the id of every event a consumer applied, written in the same transaction as its effect.

A redelivered event finds its id already there and is skipped, so handlers are idempotent by
construction even though delivery is at-least-once.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from sqlalchemy import Column, DateTime, String, Update, bindparam
from sqlmodel import Field, Session, SQLModel, col, update

from shared.plain_reads import plain_rows


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
    params = {"event_id": event_id, "event_type": event_type, "topic": topic, "status": status, "at": at}
    return bool(plain_rows(session, _CLAIM, params))


def claim_many(session: Session, events: list[tuple[str, str]], *, topic: str, at: datetime) -> set[str]:
    """`claim` for many events at once, each `(event_id, event_type)` and their ids all different: the ids claimed
    now (the others were already recorded). One statement, for a run of events applied together
    (`shared.consumer_runs`)."""
    if not events:
        return set()
    ids, types = [event_id for event_id, _ in events], [event_type for _, event_type in events]
    params = {"ids": ids, "types": types, "topic": topic, "at": at}
    return {row[0] for row in plain_rows(session, _CLAIM_MANY, params)}


def mark(session: Session, *, event_id: str, status: str) -> None:
    """Record what became of an event already claimed (parked, applied once released, dead-lettered)."""
    session.execute(_mark(), {"p_event_id": event_id, "p_status": status})


# Every event a consumer takes runs the claim: plain SQL on the session's connection (`shared.plain_reads`), for
# SQLAlchemy's statement (its cache key, its execution context) cost several times what PostgreSQL takes to run it:
# a quarter of a projecting consumer's CPU (issue 17).
_CLAIM = (
    "INSERT INTO inbox (event_id, event_type, topic, status, received_at) "
    "VALUES (%(event_id)s, %(event_type)s, %(topic)s, %(status)s, %(at)s) "
    "ON CONFLICT (event_id) DO UPDATE SET status = excluded.status, received_at = excluded.received_at "
    "WHERE inbox.status = 'dead_lettered' AND excluded.status = 'applied' "
    "RETURNING event_id"
)

# The events as two arrays, not a row of placeholders each: one text whatever the run's length, which psycopg
# converts once and PostgreSQL prepares once (a statement of 200 rows of placeholders was parsed again by psycopg for
# every run, 6 % of legal's consumer).
_CLAIM_MANY = (
    "INSERT INTO inbox (event_id, event_type, topic, status, received_at) "
    "SELECT e.id, e.type, %(topic)s, 'applied', %(at)s FROM unnest(%(ids)s::text[], %(types)s::text[]) AS e(id, type) "
    "ON CONFLICT (event_id) DO UPDATE SET status = excluded.status, received_at = excluded.received_at "
    "WHERE inbox.status = 'dead_lettered' AND excluded.status = 'applied' "
    "RETURNING event_id"
)


@cache
def _mark() -> Update:
    return (
        update(InboxMessage)
        .where(col(InboxMessage.event_id) == bindparam("p_event_id"))
        .values(status=bindparam("p_status"))
    )
