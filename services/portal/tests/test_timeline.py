"""The case timeline through the portal's API: entries written by the portal's handlers from intake's, dunning's
and legal's events, whatever order they arrive in, read by the case's creditor and by staff, a page at a time."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from shared.events.base import Event
from shared.events.dunning import MessageSent, PromiseMade
from shared.events.envelope import CloudEvent
from shared.events.intake import (
    CaseClosed,
    CaseOpened,
    CasePaid,
    CaseStatusChanged,
    CaseValidated,
    DebtorSnapshot,
    InvoiceSnapshot,
    PaymentAllocated,
    PaymentRecorded,
)
from shared.events.legal import FundsCollected
from shared.waiting_room import PrerequisiteMissing

from portal.handlers import HANDLERS
from portal.main import create_app as create_portal
from portal.timeline.models import TimelineEntry

T0 = datetime(2026, 11, 3, 8, 0, tzinfo=UTC)
NBSP, NNBSP = "\u00a0", "\u202f"


class Case:
    """One case's events, as its services would publish them."""

    def __init__(self, creditor_id: uuid.UUID, reference: str) -> None:
        self.id, self.creditor_id, self.debtor_id = str(uuid.uuid4()), str(creditor_id), str(uuid.uuid4())
        self.reference = reference
        self.ids = {"case_id": self.id, "creditor_id": self.creditor_id}
        self.invoice = InvoiceSnapshot(
            invoice_id=str(uuid.uuid4()),
            number=f"{reference}-F1",
            issue_date=date(2026, 9, 1),
            due_date=date(2026, 10, 1),
            amount=Decimal("1200.00"),
            currency="EUR",
            outstanding=Decimal("1200.00"),
        )
        self.debtor = DebtorSnapshot(debtor_id=self.debtor_id, type="company", name="Dupont SARL")

    def opened(self) -> CaseOpened:
        return CaseOpened(
            **self.ids,
            reference=self.reference,
            kind="b2b",
            status="submitted",
            debtor=self.debtor,
            invoices=[self.invoice],
        )

    def validated(self) -> CaseValidated:
        return CaseValidated(
            **self.ids,
            reference=self.reference,
            kind="b2b",
            status="amicable",
            debtor=self.debtor,
            invoices=[self.invoice],
        )

    def sent(self, channel: str, subject: str, at: datetime) -> MessageSent:
        return MessageSent(
            **self.ids,
            debtor_id=self.debtor_id,
            message_id=str(uuid.uuid4()),
            step=f"{channel}-1",
            channel=channel,
            template="reminder",
            language="fr",
            subject=subject,
            content_sha256="0" * 64,
            sent_at=at,
        )


@pytest.fixture
def portal(settings_for, clock) -> TestClient:
    with TestClient(create_portal(settings_for("portal"), clock=clock)) as client:
        yield client


def deliver(portal: TestClient, clock, event: Event, at: datetime, *, event_id: str | None = None) -> CloudEvent:
    """Applies `event` through the portal's own handler, as its consumer does."""
    case_id, creditor_id = event.case_id, event.creditor_id  # type: ignore[attr-defined]  # the base Event has neither
    envelope = CloudEvent.wrap(event, subject=case_id, tenant=creditor_id, time=at)
    if event_id:
        envelope = envelope.model_copy(update={"id": event_id})
    engine = portal.app.state.runtime.engine  # type: ignore[attr-defined]  # .app is typed as ASGIApp
    with Session(engine) as session, session.begin():
        HANDLERS[type(event)](session=session, event=event, envelope=envelope, clock=clock)
    return envelope


def test_the_timeline_lists_every_services_events_in_the_order_they_happened_whatever_their_arrival(
    portal, clock, tokens
):
    case = Case(tokens["a"], "A-1")
    reminder = case.sent("email", "Facture A-1-F1 impayée", T0 + timedelta(days=4))
    letter = case.sent("letter", "Relance A-1", T0 + timedelta(days=24))
    paid_at = T0 + timedelta(days=40)
    payment_id = str(uuid.uuid4())
    arrivals = [  # dunning and legal before intake, intake's own events reversed
        (
            PromiseMade(**case.ids, debtor_id=case.debtor_id, promise_id="p-1", amount="500", due_on=date(2026, 12, 9)),
            T0 + timedelta(days=30),
        ),
        (letter, letter.sent_at),
        (reminder, reminder.sent_at),
        (
            FundsCollected(
                **case.ids,
                mission_id="m-1",
                amount="200.00",
                currency="EUR",
                collected_on=date(2026, 12, 10),
                reference="PV-1",
            ),
            T0 + timedelta(days=37),
        ),
        (CaseClosed(**case.ids, debtor_id=case.debtor_id, reason="paid", closed_on=date(2026, 12, 13)), paid_at),
        (CaseStatusChanged(**case.ids, from_status="amicable", to_status="closed", reason="paid"), paid_at),
        (CasePaid(**case.ids, paid_on=date(2026, 12, 13)), paid_at),
        (
            PaymentAllocated(
                **case.ids,
                payment_id=payment_id,
                lines=[{"invoice_id": None, "component": "principal", "amount": "1000.00"}],
            ),
            paid_at,
        ),
        (
            PaymentRecorded(
                **case.ids,
                payment_id=payment_id,
                debtor_id=case.debtor_id,
                amount="1000.00",
                currency="EUR",
                received_on=date(2026, 12, 12),
                origin="debtor_to_agency",
                reference="VIR-1",
            ),
            paid_at,
        ),
        (CaseStatusChanged(**case.ids, from_status="submitted", to_status="validated"), T0 + timedelta(hours=2)),
        (case.validated(), T0 + timedelta(hours=2)),
        (case.opened(), T0),
    ]
    for event, at in arrivals:
        deliver(portal, clock, event, at)

    answer = portal.get(f"/api/v1/cases/{case.id}/timeline", headers=tokens["creditor_a"])

    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["total"] == 10, "the status changes of the validation and the closure are told by their own events"
    assert [(item["service"], item["type"]) for item in body["items"]] == [
        ("intake", "case.opened"),
        ("intake", "case.validated"),
        ("dunning", "message.sent"),
        ("dunning", "message.sent"),
        ("dunning", "promise.made"),
        ("legal", "mission.funds_collected"),
        ("intake", "payment.recorded"),  # one instant, one transaction: in the order intake records them
        ("intake", "payment.allocated"),
        ("intake", "case.paid"),
        ("intake", "case.closed"),
    ]
    items = body["items"]
    assert [item["at"] for item in items] == sorted(item["at"] for item in items)
    assert items[0]["summary"] == f"Dossier A-1 ouvert contre Dupont SARL : 1 facture, 1{NNBSP}200,00{NBSP}€"
    assert items[0]["summary_en"] == "Case A-1 opened against Dupont SARL: 1 invoice, €1,200.00"
    assert datetime.fromisoformat(items[0]["at"]) == T0
    first, second = items[2], items[3]
    assert (first["channel"], first["document"]) == ("email", None)
    assert first["summary"] == "Relance envoyée par e-mail : « Facture A-1-F1 impayée »"
    assert second["channel"] == "letter"
    assert second["document"] == f"/api/v1/dunning/cases/{case.id}/messages/{letter.message_id}/document"
    assert items[4]["summary"] == f"Promesse de paiement : 500,00{NBSP}€ pour le 9 décembre 2026"
    assert items[5]["summary"] == (
        f"Le commissaire de justice a recouvré 200,00{NBSP}€ le 10 décembre 2026 (référence PV-1)"
    )
    assert items[9]["summary"] == "Dossier clos : payé"
    assert all(item["channel"] is None for item in items if item["service"] != "dunning")


def test_english_is_given_to_a_client_that_prefers_it_and_both_languages_always_travel(portal, clock, tokens):
    case = Case(tokens["a"], "A-2")
    deliver(portal, clock, case.opened(), T0)

    english = portal.get(
        f"/api/v1/cases/{case.id}/timeline", headers={**tokens["agent"], "Accept-Language": "en-GB, fr;q=0.5"}
    )
    tie = portal.get(f"/api/v1/cases/{case.id}/timeline", headers={**tokens["agent"], "Accept-Language": "en, fr"})

    [item] = english.json()["items"]
    assert item["summary"] == item["summary_en"] == "Case A-2 opened against Dupont SARL: 1 invoice, €1,200.00"
    assert item["summary_fr"].startswith("Dossier A-2 ouvert")
    assert tie.json()["items"][0]["summary"] == item["summary_fr"], "French unless English is preferred"


def test_an_event_delivered_twice_is_one_entry(portal, clock, tokens):
    case = Case(tokens["a"], "A-3")
    envelope = deliver(portal, clock, case.opened(), T0)
    deliver(portal, clock, case.opened(), T0, event_id=envelope.id)  # a replay of the same event

    with Session(portal.app.state.runtime.engine) as session:
        assert session.exec(select(func.count()).select_from(TimelineEntry)).one() == 1


def test_a_creditor_is_told_another_creditors_case_does_not_exist_and_a_bailiff_is_refused(portal, clock, tokens):
    case = Case(tokens["a"], "A-4")
    deliver(portal, clock, case.opened(), T0)
    url = f"/api/v1/cases/{case.id}/timeline"

    assert portal.get(url, headers=tokens["creditor_a"]).json()["total"] == 1
    assert portal.get(url, headers=tokens["agent"]).json()["total"] == 1
    other = portal.get(url, headers=tokens["creditor_b"])
    assert other.status_code == 404
    assert other.json()["detail"] == f"aucun dossier {case.id}"
    assert other.json()["detail_en"] == f"no case {case.id}"
    assert "Dupont" not in other.text and "A-4" not in other.text
    assert portal.get(url, headers=tokens["bailiff"]).status_code == 403
    assert portal.get(url).status_code == 401
    unknown = portal.get(f"/api/v1/cases/{uuid.uuid4()}/timeline", headers=tokens["agent"])
    assert unknown.status_code == 404, "without intake to ask, a case the timeline has not heard of is unknown"


def test_the_timeline_is_read_a_page_at_a_time_with_bounded_pages(portal, clock, tokens):
    case = Case(tokens["a"], "A-5")
    deliver(portal, clock, case.opened(), T0)
    subjects = [f"Relance {n}" for n in range(5)]
    for n, subject in enumerate(subjects):
        deliver(portal, clock, case.sent("email", subject, T0 + timedelta(days=n + 1)), T0 + timedelta(days=n + 1))
    url = f"/api/v1/cases/{case.id}/timeline"

    page = portal.get(url, params={"offset": 2, "limit": 3}, headers=tokens["agent"]).json()

    assert page["total"] == 6
    assert [item["summary"] for item in page["items"]] == [
        f"Relance envoyée par e-mail : « {subject} »" for subject in subjects[1:4]
    ]
    assert portal.get(url, params={"offset": 6}, headers=tokens["agent"]).json() == {"items": [], "total": 6}
    for params in ({"limit": 0}, {"limit": 201}, {"offset": -1}, {"offset": 1_000_001}):
        refused = portal.get(url, params=params, headers=tokens["agent"])
        assert refused.status_code == 422, params


def test_an_event_that_names_no_creditor_waits_for_the_case_then_takes_its_creditor(portal, clock, tokens):
    case = Case(tokens["a"], "A-6")
    anonymous = PromiseMade(
        case_id=case.id, creditor_id="", debtor_id=case.debtor_id, promise_id="p", amount="10", due_on=date(2026, 12, 1)
    )
    envelope = CloudEvent.wrap(anonymous, subject=case.id, tenant=None, time=T0 + timedelta(days=1))
    engine = portal.app.state.runtime.engine
    with Session(engine) as session, pytest.raises(PrerequisiteMissing) as missing:
        HANDLERS[PromiseMade](session=session, event=anonymous, envelope=envelope, clock=clock)
    assert missing.value.awaiting == case.id, "released when an event of the case is applied"

    deliver(portal, clock, case.opened(), T0)
    with Session(engine) as session, session.begin():
        HANDLERS[PromiseMade](session=session, event=anonymous, envelope=envelope, clock=clock)

    items = portal.get(f"/api/v1/cases/{case.id}/timeline", headers=tokens["creditor_a"]).json()["items"]
    assert [item["type"] for item in items] == ["case.opened", "promise.made"]
