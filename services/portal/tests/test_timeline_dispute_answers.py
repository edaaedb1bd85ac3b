"""The creditor's answer to a dispute, told on the case's timeline by the portal's own handler (as its consumer
applies dunning's event): once, in both languages, for the case's creditor."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from shared.events.dunning import DisputeAnswered
from shared.events.envelope import CloudEvent

from portal.handlers import HANDLERS
from portal.main import create_app as create_portal
from portal.timeline.models import TimelineEntry

AT = datetime(2026, 11, 5, 9, 30, tzinfo=UTC)


@pytest.fixture
def portal(settings_for, clock) -> TestClient:
    with TestClient(create_portal(settings_for("portal"), clock=clock)) as client:
        yield client


def test_a_dispute_answered_by_the_creditor_is_one_entry_in_both_languages(portal, clock):
    event = DisputeAnswered(
        case_id=str(uuid.uuid4()),
        creditor_id=str(uuid.uuid4()),
        debtor_id=str(uuid.uuid4()),
        dispute_id=str(uuid.uuid4()),
        answered_at=AT,
    )
    envelope = CloudEvent.wrap(event, subject=event.case_id, tenant=event.creditor_id, time=AT)
    engine = portal.app.state.runtime.engine
    for _ in range(2):  # a redelivery writes nothing more
        with Session(engine) as session, session.begin():
            HANDLERS[DisputeAnswered](session=session, event=event, envelope=envelope, clock=clock)

    with Session(engine) as session:
        [entry] = session.exec(select(TimelineEntry).where(TimelineEntry.case_id == uuid.UUID(event.case_id))).all()
    assert entry.summary_fr == "Réponse du créancier à la contestation"
    assert entry.summary_en == "Creditor answered the dispute"
    assert (entry.service, entry.type) == ("dunning", "dispute.answered")
    assert str(entry.creditor_id) == event.creditor_id and entry.at == AT
