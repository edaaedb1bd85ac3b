"""What a consumer makes of an event, the two exceptions that decide it (re-exported by `shared.consumer`), a
record's headers as text, and (from `shared.db`) which database errors are a conflict with another transaction
rather than an outage."""

from __future__ import annotations

from dataclasses import dataclass

from kafka.consumer.fetcher import ConsumerRecord

from shared.db import is_conflict

__all__ = ["EventRefused", "Outcome", "StoreUnavailable", "is_conflict", "record_headers"]


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


def record_headers(record: ConsumerRecord) -> dict[str, str]:
    return {name: value.decode(errors="replace") for name, value in (record.headers or [])}
