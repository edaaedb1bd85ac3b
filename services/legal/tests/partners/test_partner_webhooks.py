"""Webhooks to partners, sent to a real receiver on 127.0.0.1 that checks them as docs/partners.md says: signed over
the timestamp and the body, a replay refused, a stale timestamp refused, retried with exponential backoff on the
platform clock, logged; an admin registers and rotates the endpoint's secret."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from shared.clock import SettableClock


def test_an_admin_registers_an_endpoint_and_a_generated_secret_is_shown_once(legal):
    partner = legal.add_partner()
    url = f"/api/v1/legal/partners/{partner}/webhook"
    created = legal.client.put(url, json={"url": "http://127.0.0.1:9/hooks"}, headers=legal.headers("admin"))
    assert created.status_code == 200, created.text
    secret = created.json()["secret"]
    assert secret and len(secret) >= 32
    read = legal.client.get(url, headers=legal.headers("admin")).json()
    assert read["secret"] is None and read["url"] == "http://127.0.0.1:9/hooks"
    moved = legal.client.put(url, json={"url": "http://127.0.0.1:10/hooks"}, headers=legal.headers("admin")).json()
    assert moved["secret"] is None and moved["previous_secret_valid_until"] is None  # the secret is kept
    for role in ("agent", "supervisor"):
        assert legal.client.put(url, json={"url": "http://x.example/"}, headers=legal.headers(role)).status_code == 403
    assert legal.client.get(url, headers=legal.bailiff(partner)).status_code == 403
    unknown = f"/api/v1/legal/partners/{uuid.uuid4()}/webhook"
    assert (
        legal.client.put(unknown, json={"url": "http://x.example/"}, headers=legal.headers("admin")).status_code == 404
    )


@pytest.mark.parametrize("body", [{"url": "ftp://x.example/"}, {"url": "http://x.example/", "secret": "too-short"}])
def test_an_endpoint_that_is_not_http_or_a_short_secret_is_refused(legal, body):
    partner = legal.add_partner()
    response = legal.client.put(f"/api/v1/legal/partners/{partner}/webhook", json=body, headers=legal.headers("admin"))
    assert response.status_code == 422


def test_the_assignment_reaches_the_partner_signed_and_a_replay_of_it_is_refused(legal, receiver):
    partner = legal.add_partner()
    legal.register_webhook(partner, receiver.url, receiver.secret)
    mission = legal.assign(legal.intake.add_case(creditor_id=uuid.uuid4()), partner)

    report = legal.deliver()
    assert report.delivered == 1, receiver.received
    [request] = receiver.accepted()
    assert request["json"]["type"] == "mission.assigned"
    assert request["json"]["data"]["mission_id"] == mission["id"]
    assert request["json"]["data"]["href"] == f"/api/v1/partner/missions/{mission['id']}"
    assert "Dupont" not in request["body"].decode()  # no personal data: the partner reads it with its token
    assert request["headers"]["x-recouvra-delivery"] == request["json"]["id"]
    assert request["headers"]["x-recouvra-signature"].startswith("sha256=")

    assert receiver.replay(request) == 409
    tampered = {**request, "body": request["body"].replace(b"mission.assigned", b"mission.updated")}
    assert receiver.replay(tampered) == 401

    [logged] = legal.deliveries(partner)
    assert (logged["status"], logged["attempts"], logged["last_status_code"]) == ("delivered", 1, 204)
    assert legal.deliver().outcomes == []  # nothing is sent twice


def test_a_change_of_the_mission_is_delivered_as_an_update(legal, receiver):
    partner = legal.add_partner()
    legal.register_webhook(partner, receiver.url, receiver.secret)
    mission = legal.assign(legal.intake.add_case(creditor_id=uuid.uuid4()), partner)
    legal.client.patch(
        f"/api/v1/legal/missions/{mission['id']}", json={"instructions": "Nouvelle adresse."}, headers=legal.headers()
    )
    assert legal.deliver().delivered == 2
    updated = receiver.accepted()[-1]["json"]
    assert updated["type"] == "mission.updated" and updated["data"]["instructions"] == "Nouvelle adresse."


def test_a_partner_without_an_endpoint_gets_no_delivery(legal):
    partner = legal.add_partner()
    legal.assign(legal.intake.add_case(creditor_id=uuid.uuid4()), partner)
    assert legal.deliveries(partner) == []


def test_a_failed_delivery_is_retried_with_exponential_backoff_on_the_platform_clock_then_given_up(legal, receiver):
    partner = legal.add_partner()
    legal.register_webhook(partner, receiver.url, receiver.secret)
    legal.assign(legal.intake.add_case(creditor_id=uuid.uuid4()), partner)
    receiver.failures = 10
    start = legal.clock.now()
    assert legal.deliver().retrying == 1
    waits = []
    for attempt in range(2, 4):
        [logged] = legal.deliveries(partner)
        due = datetime.fromisoformat(logged["next_attempt_at"])
        waits.append(due - legal.clock.now())
        legal.clock.set(due - timedelta(seconds=1))
        assert legal.deliver().outcomes == []  # not yet due
        legal.clock.set(due)
        assert legal.deliver().outcomes == ["retrying"]
        assert legal.deliveries(partner)[0]["attempts"] == attempt
    assert waits == [timedelta(seconds=30), timedelta(seconds=60)]
    [logged] = legal.deliveries(partner)
    legal.clock.set(datetime.fromisoformat(logged["next_attempt_at"]))
    assert legal.deliver().outcomes == ["failed"]  # the fourth attempt is the last (webhook_max_attempts)
    [logged] = legal.deliveries(partner)
    assert (logged["status"], logged["attempts"], logged["last_status_code"]) == ("failed", 4, 503)
    assert logged["next_attempt_at"] is None
    assert [a["status_code"] for a in logged["attempts_log"]] == [503] * 4
    assert datetime.fromisoformat(logged["attempts_log"][0]["at"]) == start
    legal.clock.advance(days=1)
    assert legal.deliver().outcomes == []


def test_a_delivery_whose_timestamp_is_stale_is_refused_and_retried_with_a_fresh_one(legal, receiver):
    partner = legal.add_partner()
    legal.register_webhook(partner, receiver.url, receiver.secret)
    legal.assign(legal.intake.add_case(creditor_id=uuid.uuid4()), partner)
    six_minutes_ago = SettableClock(datetime.now(UTC) - timedelta(minutes=6))
    assert legal.deliver(wall_clock=six_minutes_ago).retrying == 1
    assert receiver.received[-1]["status"] == 401
    legal.clock.advance(seconds=30)
    assert legal.deliver().delivered == 1
    assert len({r["headers"]["x-recouvra-delivery"] for r in receiver.received}) == 1  # one delivery, two attempts


def test_a_rotated_secret_signs_beside_the_new_one_during_the_grace_only(legal, receiver):
    partner = legal.add_partner()
    old_secret, new_secret = receiver.secret, "rotated-secret-" + "n" * 32
    legal.register_webhook(partner, receiver.url, old_secret)
    legal.clock.advance(hours=1)
    rotated = legal.register_webhook(partner, receiver.url, new_secret)
    grace_end = datetime.fromisoformat(rotated["previous_secret_valid_until"])
    assert grace_end == legal.clock.now() + timedelta(hours=24)

    first = legal.assign(legal.intake.add_case(creditor_id=uuid.uuid4()), partner)
    assert legal.deliver().delivered == 1  # the receiver still holds the old secret
    assert len(receiver.accepted()[-1]["headers"]["x-recouvra-signature"].split(",")) == 2
    receiver.secret = new_secret
    legal.client.patch(f"/api/v1/legal/missions/{first['id']}", json={"instructions": "x"}, headers=legal.headers())
    assert legal.deliver().delivered == 1  # and the new one, as soon as it switches

    legal.clock.set(grace_end)
    receiver.secret = old_secret
    legal.client.patch(f"/api/v1/legal/missions/{first['id']}", json={"instructions": "y"}, headers=legal.headers())
    assert legal.deliver().retrying == 1  # past the grace, the old secret signs nothing
    assert len(receiver.received[-1]["headers"]["x-recouvra-signature"].split(",")) == 1
