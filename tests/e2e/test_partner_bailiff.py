"""A partner bailiff on the running platform: an admin registers the demo firm's webhook endpoint (a receiver this test
runs on 127.0.0.1, checking deliveries as docs/partners.md tells partners to), an agent gives a validated case to the
firm, the receiver gets the signed assignment and refuses its replay; the firm signs in with client credentials,
reads the mission, reports it served and the funds it collected, and the payment appears in intake's statement. The
case then closes: the firm is told its mission ended, and what it collected until that day still reaches the
statement."""

from __future__ import annotations

import hashlib
import hmac
import html
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import httpx
import pytest

from shared.clock import PARIS
from shared.demo import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PARTNER_ID
from workbench.testing.web_forms import web_session
from workbench.testing.webhooks import Receiver, running_receiver

pytestmark = pytest.mark.e2e

SECRET = "e2e-partner-secret-" + "s" * 32


def taken(receiver: Receiver, mission_id: str) -> list[dict[str, Any]]:
    """The deliveries about that mission the receiver took (204)."""
    return [r for r in receiver.accepted() if r["json"]["data"]["mission_id"] == mission_id]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """The partner's side (`workbench.testing.webhooks`): 401 for a bad signature or a timestamp more than 5 minutes
    off, 409 for a delivery id already seen, 204 for the rest; every request kept with its verdict."""
    with running_receiver(SECRET) as state:
        yield state


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30) as client:  # a loaded machine answers slowly; a wait is not a failure here
        yield client


def firm_token(http: httpx.Client, url: str) -> dict[str, str]:
    answer = http.post(
        f"{url}/api/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": DEMO_CLIENT_ID, "client_secret": DEMO_CLIENT_SECRET},
    )
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def validated_case(http: httpx.Client, url: str, creditor: dict[str, str], agent: dict[str, str]) -> dict[str, Any]:
    reference = f"BAIL-{uuid.uuid4().hex[:8]}"
    opened = http.post(
        f"{url}/api/v1/cases",
        headers=creditor,
        json={
            "reference": reference,
            "kind": "b2b",
            "debtor": {
                "type": "company",
                "name": "Menuiserie Roussel SARL",
                "siren": "526018155",
                "address": {"line1": "14 rue des Forges", "postal_code": "21000", "city": "Dijon"},
            },
            "invoices": [
                {"number": f"{reference}-1", "issue_date": "2026-05-04", "due_date": "2026-06-03", "amount": "2400.00"}
            ],
        },
    )
    assert opened.status_code == 201, opened.text
    case = opened.json()
    validated = http.post(
        f"{url}/api/v1/cases/{case['id']}/validate", headers=agent, json={"override_reason": "e2e: pièces vues"}
    )
    assert validated.status_code == 200, validated.text
    return dict(validated.json())


def test_a_bailiff_receives_its_signed_mission_reports_it_and_the_funds_reach_the_statement(platform, receiver, http):
    url = platform.url()
    admin, agent = platform.sign_in("admin@demo.example"), platform.sign_in("agent@demo.example")
    creditor = platform.sign_in("creditor@demo.example")
    registered = http.put(
        f"{url}/api/v1/legal/partners/{DEMO_PARTNER_ID}/webhook",
        headers=admin,
        json={"url": receiver.url, "secret": SECRET},
    )
    assert registered.status_code == 200, registered.text

    case = validated_case(http, url, creditor, agent)
    assigned = http.post(
        f"{url}/api/v1/legal/cases/{case['id']}/missions",
        headers=agent,
        json={
            "partner_id": str(DEMO_PARTNER_ID),
            "kind": "enforcement",
            "instructions": "Signifier le titre puis procéder à une saisie-attribution.",
            "references": [{"label": "jugement", "reference": "TJ Dijon 26/00042", "dated_on": "2026-10-01"}],
        },
    )
    assert assigned.status_code == 201, assigned.text
    mission = assigned.json()
    assert mission["creditor_id"] == case["creditor_id"]

    deliveries = platform.eventually(lambda: taken(receiver, mission["id"]), timeout_s=20)
    assert deliveries, f"no signed assignment reached the receiver: {receiver.received}"
    [delivery] = deliveries
    body, headers = delivery["body"], delivery["headers"]
    expected = hmac.new(SECRET.encode(), headers["x-recouvra-timestamp"].encode() + b"." + body, hashlib.sha256)
    assert f"sha256={expected.hexdigest()}" in headers["x-recouvra-signature"].split(",")
    assert delivery["json"]["type"] == "mission.assigned"
    assert delivery["json"]["data"]["href"] == f"/api/v1/partner/missions/{mission['id']}"
    replayed_headers = {k: v for k, v in headers.items() if k not in ("content-length", "host")}
    replay = http.post(receiver.url, content=body, headers=replayed_headers)
    assert replay.status_code == 409, "the receiver took a replayed delivery"

    firm = firm_token(http, url)
    listed = http.get(f"{url}/api/v1/partner/missions", headers=firm).json()
    assert mission["id"] in [m["id"] for m in listed["items"]]
    read = http.get(f"{url}/api/v1/partner/missions/{mission['id']}", headers=firm)
    assert read.status_code == 200, read.text
    assert read.json()["case"]["debtor"]["name"] == "Menuiserie Roussel SARL"
    assert read.json()["documents"]["references"][0]["reference"] == "TJ Dijon 26/00042"
    assert http.get(f"{url}/api/v1/partner/missions/{mission['id']}", headers=creditor).status_code == 403

    today = datetime.now(PARIS).date().isoformat()
    events = f"{url}/api/v1/partner/missions/{mission['id']}/events"
    served = http.post(
        events,
        headers=firm | {"Idempotency-Key": f"served-{mission['id']}"},
        json={"type": "served", "occurred_on": today},
    )
    assert served.status_code == 201, served.text
    funds = {
        "type": "funds_collected",
        "occurred_on": today,
        "amount": "300.00",
        "currency": "EUR",
        "reference": "ENC-1",
    }
    collected = http.post(events, headers=firm | {"Idempotency-Key": f"funds-{mission['id']}"}, json=funds)
    assert collected.status_code == 201, collected.text
    assert http.post(events, headers=firm, json=funds).status_code == 200  # the same collection, reported again

    def paid(amount: str) -> Callable[[], str | None]:
        def read() -> str | None:
            answer = http.get(f"{url}/api/v1/cases/{case['id']}/statement", headers=creditor)
            return amount if answer.status_code == 200 and answer.json()["paid"] == amount else None

        return read

    assert platform.eventually(paid("300.00"), timeout_s=20), "the bailiff's funds never reached the statement"

    log = http.get(f"{url}/api/v1/legal/partners/{DEMO_PARTNER_ID}/webhook-deliveries", headers=admin).json()
    ours = [d for d in log["items"] if d["mission_id"] == mission["id"]]
    assert [(d["event_type"], d["status"]) for d in ours] == [("mission.assigned", "delivered")]

    # The creditor settles with the debtor: the case closes in intake, and legal ends the mission (completed: the claim
    # is settled) and tells the firm, which still reports what it did until that day.
    closed = http.post(
        f"{url}/api/v1/cases/{case['id']}/transitions", headers=agent, json={"to": "closed", "reason": "settled"}
    )
    assert closed.status_code == 200, closed.text

    def told() -> dict[str, Any] | None:
        updates = [d["json"] for d in taken(receiver, mission["id"]) if d["json"]["type"] == "mission.updated"]
        return updates[0] if updates else None

    update = platform.eventually(told, timeout_s=20)
    assert update is not None, "the firm was never told its mission ended"
    assert update["data"]["status"] == "closed" and update["data"]["ended_on"] == today
    assert "(réglé par un accord)" in update["data"]["end_note"]
    cost = {"type": "costs", "occurred_on": today, "amount": "21.28", "currency": "EUR", "tariff": "A444-32"}
    still = http.post(events, headers=firm, json=cost)
    assert still.status_code == 201, still.text
    late_funds = http.post(events, headers=firm, json=funds | {"amount": "50.00", "reference": "ENC-2"})
    assert late_funds.status_code == 201, late_funds.text
    assert platform.eventually(paid("350.00"), timeout_s=20), "funds collected before the end were lost"
    shown = http.get(f"{url}/api/v1/partner/missions/{mission['id']}", headers=firm).json()
    assert shown["status"] == "closed" and shown["end_note"] == update["data"]["end_note"]
    with web_session(url, "creditor@demo.example") as web:
        page = web.get(f"/cases/{case['id']}")
    assert page.status_code == 200, page.text
    assert "Phase judiciaire" in page.text and "Exécution du titre" in page.text and "Terminée" in page.text
    assert update["data"]["end_note"] in html.unescape(page.text)
    assert "À la charge du créancier" in page.text and "21,28" in page.text  # the cost reported after the closing
