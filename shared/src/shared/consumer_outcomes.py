"""What a consumer makes of an event, the two exceptions that decide it (re-exported by `shared.consumer`), a
record's headers as text, and which database errors are a conflict with another transaction rather than an outage."""

from __future__ import annotations

from dataclasses import dataclass

from kafka.consumer.fetcher import ConsumerRecord
from sqlalchemy.exc import DBAPIError


class StoreUnavailable(Exception):
    """The service's database cannot be reached while applying an event: the batch stops, its offsets uncommitted,
    so the same events come again once the consumer starts again (the inbox absorbs those already applied)."""


class EventRefused(Exception):
    """Raised by a handler for an event that no retry and no wait can make acceptable (it names a case of another
    creditor, say): the event goes to the dead-letter topic at once, with this reason."""


@dataclass(frozen=True)
class Outcome:
    status: str  # applied | parked | duplicate | ignored | dead_lettered
    event_id: str | None


CONFLICTS = frozenset({"40P01", "40001"})
"""PostgreSQL's deadlock_detected and serialization_failure (psycopg's `DeadlockDetected`, `SerializationFailure`;
SQLAlchemy wraps both as `OperationalError`): it rolled this transaction back so that another could go on. The
database is up and the event is not at fault; the same work tried again once the other has committed succeeds."""


def is_conflict(exc: BaseException) -> bool:
    return isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlstate", None) in CONFLICTS


def record_headers(record: ConsumerRecord) -> dict[str, str]:
    return {name: value.decode(errors="replace") for name, value in (record.headers or [])}
