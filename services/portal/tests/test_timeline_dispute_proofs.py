"""A document filed with a case and staff's judgement that a dispute's documents are not enough, told on the case's
timeline by the portal's own handlers (as its consumer applies intake's and dunning's events): once, in both
languages, for the case's creditor; the document named by its kind in plain words and its file's name."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from shared.events.dunning import DisputeProofInsufficient
from shared.events.envelope import CloudEvent
from shared.events.intake_documents import DocumentAttached

from portal.handlers import HANDLERS
from portal.main import create_app as create_portal
from portal.timeline.catalogue import CATALOGUE
from portal.timeline.models import TimelineEntry

AT = datetime(2026, 11, 5, 9, 30, tzinfo=UTC)


@pytest.fixture
def portal(settings_for, clock) -> TestClient:
    with TestClient(create_portal(settings_for("portal"), clock=clock)) as client:
        yield client


def _entries(portal, event, clock) -> list[TimelineEntry]:
    """The event applied twice (a redelivery writes nothing more), and the case's entries."""
    envelope = CloudEvent.wrap(event, subject=event.case_id, tenant=event.creditor_id, time=AT)
    engine = portal.app.state.runtime.engine
    for _ in range(2):
        with Session(engine) as session, session.begin():
            HANDLERS[type(event)](session=session, event=event, envelope=envelope, clock=clock)
    with Session(engine) as session:
        return list(session.exec(select(TimelineEntry).where(TimelineEntry.case_id == uuid.UUID(event.case_id))))


def test_a_document_filed_is_one_entry_naming_its_kind_and_file(portal, clock):
    event = DocumentAttached(
        case_id=str(uuid.uuid4()),
        creditor_id=str(uuid.uuid4()),
        document_id=str(uuid.uuid4()),
        kind="delivery_proof",
        filename="bl.pdf",
        attached_at=AT,
    )
    [entry] = _entries(portal, event, clock)
    assert entry.summary_fr == "Pièce ajoutée au dossier : preuve de livraison (bl.pdf)"
    assert entry.summary_en == "Document filed with the case: delivery proof (bl.pdf)"
    assert (entry.service, entry.type) == ("intake", "document.attached")
    assert str(entry.creditor_id) == event.creditor_id and entry.at == AT


def test_a_dispute_judged_without_enough_documents_is_one_entry_in_both_languages(portal, clock):
    event = DisputeProofInsufficient(
        case_id=str(uuid.uuid4()),
        creditor_id=str(uuid.uuid4()),
        debtor_id=str(uuid.uuid4()),
        dispute_id=str(uuid.uuid4()),
        judged_at=AT,
    )
    [entry] = _entries(portal, event, clock)
    assert entry.summary_fr == "Pièces du litige jugées insuffisantes ; le créancier est relancé"
    assert entry.summary_en == "Dispute documents judged insufficient; the creditor is asked again"
    assert (entry.service, entry.type) == ("dunning", "dispute.proof_insufficient")


@pytest.mark.parametrize(
    ("kind", "fr", "en"),
    [
        ("contract", "contrat", "contract"),
        ("purchase_order", "bon de commande", "purchase order"),
        ("proforma", "facture proforma", "proforma invoice"),
        ("invoice", "facture", "invoice"),
        ("correspondence", "correspondance", "correspondence"),
    ],
)
def test_every_kind_of_document_is_named_in_plain_words_and_a_nameless_one_by_its_kind_alone(kind, fr, en):
    ids = {"case_id": "c", "creditor_id": "k", "document_id": "d", "attached_at": AT}
    told = dict(CATALOGUE)[DocumentAttached](DocumentAttached(**ids, kind=kind))
    assert told is not None
    assert (told.fr, told.en) == (f"Pièce ajoutée au dossier : {fr}", f"Document filed with the case: {en}")
