"""What a consumer makes of an event, and the two exceptions that decide it (re-exported by `shared.consumer`)."""

from __future__ import annotations

from dataclasses import dataclass


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
