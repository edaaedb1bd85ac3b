import json
from datetime import UTC, date, datetime
from decimal import Decimal

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
        assert cls.type == event_type or event_type in cls.supersedes


def test_declaring_an_event_type_twice_is_an_error():
    with pytest.raises(TypeError, match="declared twice"):

        class Again(Event):
            type = "recouvra.intake.creditor.registered.v1"
            topic = "intake.creditors"


def test_an_event_is_immutable():
    event = CreditorRegistered(creditor_id="c1", name="ACME")
    with pytest.raises(ValueError):
        event.name = "other"  # type: ignore[misc]  # events are frozen: the test expects the assignment to fail


def test_every_event_topic_is_created_at_start():
    from shared.topics import TOPIC_PARTITIONS

    for event_type, cls in registered_events().items():
        assert cls.topic in TOPIC_PARTITIONS, f"{event_type} is published on {cls.topic}, which no one creates"


def test_everything_intake_says_about_a_case_travels_on_one_topic():
    """Partition order is the order of a case's life only if its payments and balances share its topic."""
    from shared.events import intake

    for cls in vars(intake).values():
        if (
            isinstance(cls, type)
            and issubclass(cls, Event)
            and "case_id" in cls.model_fields
            and cls.topic.startswith("intake.")
            and cls.topic != "intake.remittances"
        ):
            assert cls.topic == "intake.cases", cls.type


def test_a_superseded_version_is_read_by_its_successor_and_published_where_it_is_now():
    from shared.events.base import current_topic
    from shared.events.intake import CaseBalanceChanged

    assert event_class_for("recouvra.intake.case.balance_changed.v1") is CaseBalanceChanged
    assert current_topic("recouvra.intake.case.balance_changed.v1", "intake.payments") == "intake.cases"
    assert current_topic("recouvra.unknown.thing.v1", "somewhere") == "somewhere"


def test_the_bulk_writers_envelope_is_the_one_wrap_dumps():
    from shared.events.intake import CaseOpened, DebtorSnapshot, InvoiceSnapshot

    debtor = DebtorSnapshot(debtor_id="d1", type="company", name="Société Générale d'Électricité « Sud »")
    invoice = InvoiceSnapshot(
        invoice_id="i1",
        number="F-001",
        issue_date=date(2025, 1, 31),
        due_date=date(2025, 3, 1),
        amount=Decimal("1234.50"),
        currency="EUR",
        outstanding=Decimal("0.05"),
    )
    event = CaseOpened(
        case_id="c1",
        creditor_id="k1",
        reference="R-1",
        kind="b2b",
        status="submitted",
        debtor=debtor,
        invoices=[invoice],
    )
    at = datetime(2026, 11, 24, 9, tzinfo=UTC)
    for tenant in ("k1", None):
        event_id, text = CloudEvent.wrap_as_text(event, subject="c1", tenant=tenant, time=at)
        bulk = json.loads(text)
        one = CloudEvent.wrap(event, subject="c1", tenant=tenant, time=at).model_dump(mode="json", exclude_none=True)
        assert bulk.pop("id") == event_id != one.pop("id")
        assert bulk == one
        assert bulk["data"]["debtor"]["siren"] is None  # the event's own None fields are kept, as wrap keeps them
        assert bulk["data"]["invoices"][0]["amount"] == "1234.50"  # money stays text, to the cent
        assert CloudEvent.model_validate_json(text).data == one["data"]  # what a consumer reads back
