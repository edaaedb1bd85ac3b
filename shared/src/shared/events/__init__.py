"""The event contract between services: a CloudEvents 1.0 envelope and one pydantic model per event type.

Adding a field to an event is compatible; renaming or removing one means a new versioned type.
"""

from shared.events import (  # noqa: F401  (registers the event models)
    dunning,
    dunning_settlements,
    identity,
    intake,
    intake_debtors,
    intake_documents,
    legal,
    legal_insurance,
    legal_missions,
    legal_procedures,
    scoring,
)
from shared.events.base import Event, event_class_for, registered_events
from shared.events.envelope import CloudEvent

__all__ = ["CloudEvent", "Event", "event_class_for", "registered_events"]
