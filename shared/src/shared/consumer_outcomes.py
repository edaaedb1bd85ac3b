"""What a consumer makes of an event, the two exceptions that decide it (re-exported by `shared.consumer`), and a
record's headers as text."""

from __future__ import annotations

from dataclasses import dataclass

from kafka.consumer.fetcher import ConsumerRecord


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
