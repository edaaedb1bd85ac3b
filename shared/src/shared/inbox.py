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
    values = ", ".join(f"(%(id{i})s, %(type{i})s, %(topic)s, 'applied', %(at)s)" for i in range(len(events)))
    params: dict[str, object] = {"topic": topic, "at": at}
    for i, (event_id, event_type) in enumerate(events):
        params[f"id{i}"], params[f"type{i}"] = event_id, event_type
    sql = _CLAIM_MANY.format(values=values)
    return {row[0] for row in plain_rows(session, sql, params)}


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

_CLAIM_MANY = (
    "INSERT INTO inbox (event_id, event_type, topic, status, received_at) VALUES {values} "
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
