"""Creditors' webhooks on the portal's real database, delivered over HTTP to a receiver on 127.0.0.1 that checks
them as docs/webhooks.md tells a creditor's system to: what is queued (the case events of the creditor's timeline,
of the types asked for, from the endpoint's registration on, once each), signed, tried again, given up, sent again,
and who may see and change which endpoint."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from shared.events.envelope import CloudEvent
from shared.events.intake import CaseClosed, CaseStatusChanged, CreditorRegistered
from shared.webhook_delivery import DeliveryPass
from shared.webhooks import DeliveryPolicy
from workbench.testing.webhooks import Receiver, running_receiver

from portal.handlers import HANDLERS
from portal.main import create_app as create_portal
from portal.webhooks.delivery import deliver_due

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
POLICY = DeliveryPolicy(timeout_s=5.0, max_attempts=3, backoff_s=60.0, backoff_max_s=600.0)


@pytest.fixture
def portal(settings_for, clock) -> TestClient:
    clock.set(T0)
    with TestClient(create_portal(settings_for("portal"), clock=clock)) as client:
        yield client


def apply(portal: TestClient, clock, event, *, at: datetime, event_id: str | None = None) -> None:
    """`event` through the portal's own handler, as its consumer applies it."""
    case_id = getattr(event, "case_id", None)
    envelope = CloudEvent.wrap(event, subject=case_id, tenant=event.creditor_id, time=at)
    if event_id:
        envelope = envelope.model_copy(update={"id": event_id})
    with Session(engine_of(portal)) as session, session.begin():
        HANDLERS[type(event)](session=session, event=event, envelope=envelope, clock=clock)


def engine_of(portal: TestClient):
    return portal.app.state.runtime.engine  # type: ignore[attr-defined]  # .app is typed as ASGIApp


def register_creditors(portal: TestClient, clock, *creditors: uuid.UUID) -> None:
    for creditor in creditors:
        apply(portal, clock, CreditorRegistered(creditor_id=str(creditor), name=f"Créancier {creditor}"), at=T0)


def deliver(portal: TestClient, clock, policy: DeliveryPolicy = POLICY) -> DeliveryPass:
    with httpx.Client(follow_redirects=False) as http:
        return deliver_due(engine=engine_of(portal), http=http, clock=clock, policy=policy)


def closed(case_id: str, creditor: uuid.UUID) -> CaseClosed:
    return CaseClosed(
        case_id=case_id, creditor_id=str(creditor), debtor_id=str(uuid.uuid4()), reason="paid", closed_on=T0.date()
    )


def status_changed(case_id: str, creditor: uuid.UUID) -> CaseStatusChanged:
    return CaseStatusChanged(case_id=case_id, creditor_id=str(creditor), from_status="submitted", to_status="validated")


@pytest.fixture
def receiver() -> Receiver:
    with running_receiver(secret="not-known-yet") as state:
        yield state


def register(portal: TestClient, headers, receiver: Receiver, **body) -> dict:
    answer = portal.post("/api/v1/webhooks", json={"url": receiver.url, **body}, headers=headers)
    assert answer.status_code == 201, answer.text
    created = answer.json()
    receiver.secret = created["secret"]
    return created


def test_a_creditor_hears_signed_of_the_events_it_asked_for_from_its_registration_on_once_each(
    portal, clock, tokens, receiver
):
    creditor = tokens["a"]
    register_creditors(portal, clock, creditor)
    before = str(uuid.uuid4())
    apply(portal, clock, closed(before, creditor), at=T0 - timedelta(minutes=1))  # before the endpoint existed

    created = register(portal, tokens["creditor_a"], receiver, events=["intake.case.closed"], description="ERP")
    assert created["secret"].startswith("whsec_") and created["creditor_id"] == str(creditor)
    listed = portal.get("/api/v1/webhooks", headers=tokens["creditor_a"]).json()
    assert listed["total"] == 1 and "secret" not in listed["items"][0]

    case_id = str(uuid.uuid4())
    apply(portal, clock, status_changed(case_id, creditor), at=T0 + timedelta(minutes=1))  # not asked for
    apply(portal, clock, closed(case_id, creditor), at=T0 + timedelta(minutes=2), event_id="evt-closed-1")
    apply(portal, clock, closed(case_id, creditor), at=T0 + timedelta(minutes=2), event_id="evt-closed-1")  # again
    other = str(uuid.uuid4())
    register_creditors(portal, clock, tokens["b"])
    apply(portal, clock, closed(other, tokens["b"]), at=T0 + timedelta(minutes=3))  # another creditor's case
    clock.advance(minutes=3)

    report = deliver(portal, clock)

    assert report.outcomes == ["delivered"]
    (request,) = receiver.accepted()
    body = request["json"]
    assert body["type"] == "intake.case.closed"
    assert request["headers"]["x-recouvra-event"] == "intake.case.closed"
    assert request["headers"]["x-recouvra-delivery"] == body["id"]
    data = body["data"]
    assert (data["case_id"], data["creditor_id"], data["event_id"]) == (case_id, str(creditor), "evt-closed-1")
    assert data["summary_fr"] == "Dossier clos : payé" and data["href"] == f"/api/v1/cases/{case_id}/timeline"
    deliveries = portal.get(f"/api/v1/webhooks/{created['id']}/deliveries", headers=tokens["creditor_a"]).json()
    assert deliveries["total"] == 1
    (delivery,) = deliveries["items"]
    assert (delivery["status"], delivery["attempts"], delivery["last_status_code"]) == ("delivered", 1, 204)
    assert json.loads(delivery["body"]) == body
    assert deliver(portal, clock).outcomes == [], "nothing is sent twice"


def test_a_receiver_that_fails_is_tried_again_later_then_given_up_and_a_delivery_can_be_sent_again(
    portal, clock, tokens, receiver
):
    register_creditors(portal, clock, tokens["a"])
    created = register(portal, tokens["creditor_a"], receiver)  # every type
    receiver.failures = 5
    apply(portal, clock, closed(str(uuid.uuid4()), tokens["a"]), at=T0)

    assert deliver(portal, clock).outcomes == ["retrying"]
    assert deliver(portal, clock).outcomes == [], "the next attempt waits for its time"
    clock.advance(seconds=60)
    assert deliver(portal, clock).outcomes == ["retrying"]
    clock.advance(seconds=119)
    assert deliver(portal, clock).outcomes == [], "the wait doubles"
    clock.advance(seconds=1)
    assert deliver(portal, clock).outcomes == ["failed"]

    url = f"/api/v1/webhooks/{created['id']}/deliveries"
    (failed,) = portal.get(url, params={"status": "failed"}, headers=tokens["creditor_a"]).json()["items"]
    assert [attempt["status_code"] for attempt in failed["attempts_log"]] == [503, 503, 503]
    assert failed["last_error"] == "HTTP 503" and failed["next_attempt_at"] is None

    receiver.failures = 0
    again = portal.post(f"{url}/{failed['id']}/send-again", headers=tokens["creditor_a"])
    assert again.status_code == 202, again.text
    assert again.json()["status"] == "pending"
    twice = portal.post(f"{url}/{failed['id']}/send-again", headers=tokens["creditor_a"])
    assert twice.status_code == 409 and "still being tried" in twice.json()["detail_en"]
    assert deliver(portal, clock).outcomes == ["delivered"]
    (sent,) = portal.get(url, headers=tokens["creditor_a"]).json()["items"]
    assert sent["status"] == "delivered" and len(sent["attempts_log"]) == 4
    assert receiver.accepted()[0]["json"]["id"] == failed["id"], "the same delivery, with its id"


def test_a_rotated_secret_signs_beside_the_new_one_until_its_grace_ends(portal, clock, tokens, receiver):
    register_creditors(portal, clock, tokens["a"])
    created = register(portal, tokens["creditor_a"], receiver)
    old = created["secret"]
    rotated = portal.post(f"/api/v1/webhooks/{created['id']}/secret", headers=tokens["creditor_a"])
    assert rotated.status_code == 200, rotated.text
    new = rotated.json()["secret"]
    assert new != old and rotated.headers["cache-control"] == "no-store"

    test = portal.post(f"/api/v1/webhooks/{created['id']}/test", headers=tokens["creditor_a"])
    assert test.status_code == 202 and test.json()["event_type"] == "webhook.test"
    assert deliver(portal, clock).outcomes == ["delivered"], "the receiver still holds the old secret"
    assert len(receiver.accepted()[-1]["headers"]["x-recouvra-signature"].split(",")) == 2

    clock.advance(hours=24)
    portal.post(f"/api/v1/webhooks/{created['id']}/test", headers=tokens["creditor_a"])
    assert deliver(portal, clock).outcomes == ["retrying"], "past the grace the old secret signs no more"
    assert receiver.received[-1]["status"] == 401
    receiver.secret = new
    clock.advance(seconds=60)
    assert deliver(portal, clock).outcomes == ["delivered"]


def test_a_deactivated_endpoint_hears_nothing_more_and_its_waiting_deliveries_are_cancelled(
    portal, clock, tokens, receiver
):
    register_creditors(portal, clock, tokens["a"])
    created = register(portal, tokens["creditor_a"], receiver)
    apply(portal, clock, closed(str(uuid.uuid4()), tokens["a"]), at=T0)
    path = f"/api/v1/webhooks/{created['id']}"

    off = portal.patch(path, json={"active": False}, headers=tokens["creditor_a"])
    assert off.status_code == 200 and off.json()["active"] is False
    apply(portal, clock, closed(str(uuid.uuid4()), tokens["a"]), at=T0 + timedelta(minutes=1))
    clock.advance(minutes=1)
    assert deliver(portal, clock).outcomes == []
    (cancelled,) = portal.get(f"{path}/deliveries", headers=tokens["creditor_a"]).json()["items"]
    assert cancelled["status"] == "cancelled" and "deactivated" in cancelled["last_error"]
    refused = portal.post(f"{path}/test", headers=tokens["creditor_a"])
    assert refused.status_code == 409 and "désactivé" in refused.json()["detail_fr"]

    on = portal.patch(path, json={"active": True, "events": ["intake.case.closed"]}, headers=tokens["creditor_a"])
    assert on.json()["events"] == ["intake.case.closed"]
    apply(portal, clock, closed(str(uuid.uuid4()), tokens["a"]), at=T0 + timedelta(minutes=2))
    clock.advance(minutes=2)
    assert deliver(portal, clock).outcomes == ["delivered"]
    assert len(receiver.accepted()) == 1


def test_each_creditor_sees_and_changes_its_own_endpoints_and_staff_name_the_creditor(
    portal, clock, tokens, receiver, issue_token
):
    register_creditors(portal, clock, tokens["a"], tokens["b"])
    created = register(portal, tokens["creditor_a"], receiver)
    path = f"/api/v1/webhooks/{created['id']}"

    assert portal.get(path, headers=tokens["creditor_b"]).status_code == 404
    assert portal.patch(path, json={"active": False}, headers=tokens["creditor_b"]).status_code == 404
    assert portal.get("/api/v1/webhooks", headers=tokens["creditor_b"]).json()["total"] == 0
    assert portal.get(path, headers=tokens["agent"]).status_code == 200, "agents read"
    agent = portal.post("/api/v1/webhooks", json={"url": receiver.url}, headers=tokens["agent"])
    assert agent.status_code == 403
    assert portal.get(path, headers=tokens["bailiff"]).status_code == 403

    admin = {"Authorization": f"Bearer {issue_token('admin')}"}
    unnamed = portal.post("/api/v1/webhooks", json={"url": receiver.url + "/2"}, headers=admin)
    assert unnamed.status_code == 422 and "creditor_id" in unnamed.json()["detail_en"]
    named = portal.post(
        "/api/v1/webhooks", json={"url": receiver.url + "/2", "creditor_id": str(tokens["b"])}, headers=admin
    )
    assert named.status_code == 201 and named.json()["creditor_id"] == str(tokens["b"])
    everyone = portal.get("/api/v1/webhooks", headers=admin).json()
    assert everyone["total"] == 2


@pytest.mark.parametrize(
    ("body", "status", "said"),
    [
        ({"url": "ftp://erp.example/hook"}, 422, "url"),
        ({"url": "http://127.0.0.1:9/hook", "events": ["intake.case.vanished"]}, 422, "intake.case.vanished"),
        ({"url": "http://127.0.0.1:9/hook", "events": ["Not A Type"]}, 422, "events"),
        ({"url": "http://127.0.0.1:9/hook", "secret": "mine"}, 422, "secret"),
    ],
)
def test_a_bad_registration_is_refused_in_plain_words(portal, clock, tokens, body, status, said):
    register_creditors(portal, clock, tokens["a"])
    answer = portal.post("/api/v1/webhooks", json=body, headers=tokens["creditor_a"])
    assert answer.status_code == status, answer.text
    assert said in answer.text


def test_an_endpoint_registered_twice_is_refused_and_named(portal, clock, tokens, receiver):
    register_creditors(portal, clock, tokens["a"])
    created = register(portal, tokens["creditor_a"], receiver)
    again = portal.post("/api/v1/webhooks", json={"url": receiver.url}, headers=tokens["creditor_a"])
    assert again.status_code == 409 and created["id"] in again.json()["detail_en"]


def test_the_event_types_are_the_timelines(portal, tokens):
    names = [
        item["name"]
        for item in portal.get("/api/v1/webhooks/event-types", headers=tokens["creditor_a"]).json()["items"]
    ]
    assert {
        "intake.case.closed",
        "dunning.message.sent",
        "legal.mission.funds_collected",
        "portal.document.consulted",
    } <= set(names)
    assert len(names) == len(set(names))
