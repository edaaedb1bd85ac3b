from datetime import UTC, datetime

import pytest

from shared.events import CloudEvent, Event, event_class_for, registered_events
from shared.events.intake import CreditorRegistered


def test_an_event_travels_in_a_cloudevents_envelope_with_its_tenant():
    event = CreditorRegistered(creditor_id="c1", name="ACME")
    envelope = CloudEvent.wrap(event, subject="c1", tenant="c1", time=datetime(2026, 11, 24, tzinfo=UTC))
    decoded = CloudEvent.from_bytes(envelope.to_bytes())
    assert decoded.specversion == "1.0"
    assert decoded.type == "recouvra.intake.creditor.registered.v1"
    assert decoded.source == "/intake"
    assert decoded.tenant == "c1" and decoded.subject == "c1"
    assert CreditorRegistered.model_validate(decoded.data) == event


def test_every_event_type_is_versioned_and_registered_once():
    for event_type, cls in registered_events().items():
        assert event_type.startswith("recouvra.") and event_type.rsplit(".", 1)[1].startswith("v")
        assert event_class_for(event_type) is cls


def test_declaring_an_event_type_twice_is_an_error():
    with pytest.raises(TypeError, match="declared twice"):
        class Again(Event):
            type = "recouvra.intake.creditor.registered.v1"
            topic = "intake.creditors"


def test_an_event_is_immutable():
    event = CreditorRegistered(creditor_id="c1", name="ACME")
    with pytest.raises(ValueError):
        event.name = "other"  # type: ignore[misc]
