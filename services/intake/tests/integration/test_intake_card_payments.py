"""Online card payments against the fake provider (a real HTTP server speaking Stripe's Checkout API): a page opened
for an amount of a validated case, once per amount and day; refusals in plain words; the provider's signed event
records the payment once, as received by the agency; an unsigned or stale event is refused."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

import httpx
import pytest

VALID_CHECKLIST = {"contract_signed": True, "delivery_evidenced": True}
URLS = {"success_url": "http://127.0.0.1:8000/debtor/x?sent=card", "cancel_url": "http://127.0.0.1:8000/debtor/x"}


@pytest.fixture
def settings_for(settings_for, fake_provider):
    def make(service, **overrides):
        psp = {
            "psp_url": fake_provider.base_url + "/psp",
            "psp_secret_key": fake_provider.psp.secret_key,
            "psp_webhook_secret": fake_provider.psp.webhook_secret,
        }
        return settings_for(service, **{**psp, **overrides})

    return make


@pytest.fixture
def portal(issue_token) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token('service', subject='portal')}"}


def validated(api, open_case, invoice, reference: str) -> dict:
    case = open_case(reference, [invoice("F-1", "2026-09-01", "1000.00")])
    api.client.put(f"/api/v1/cases/{case['id']}/checklist", json=VALID_CHECKLIST, headers=api.creditor)
    answer = api.client.post(f"/api/v1/cases/{case['id']}/validate", json={}, headers=api.agent)
    assert answer.status_code == 200, answer.text
    return case


def event_for(session: dict) -> bytes:
    return json.dumps(
        {"id": "evt_1", "object": "event", "type": "checkout.session.completed", "data": {"object": session}},
        separators=(",", ":"),
    ).encode()


def signed(secret: str, payload: bytes, *, at: int | None = None) -> dict[str, str]:
    stamp = at or int(time.time())
    digest = hmac.new(secret.encode(), f"{stamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return {"Stripe-Signature": f"t={stamp},v1={digest}", "Content-Type": "application/json"}


def test_a_debtor_pays_part_of_its_case_by_card_and_the_payment_is_recorded_once(
    api, open_case, invoice, portal, fake_provider
):
    assert api.client.get("/api/v1/intake/card-payments", headers=portal).json()["enabled"] is True
    case = validated(api, open_case, invoice, "CARD-1")
    path = f"/api/v1/intake/cases/{case['id']}/card-checkouts"
    opened = api.client.post(path, json={"amount": "250.00", **URLS}, headers=portal)
    assert opened.status_code == 201, opened.text
    checkout = opened.json()
    assert checkout["url"].startswith(fake_provider.base_url + "/psp/pay/cs_test_")
    again = api.client.post(path, json={"amount": "250.00", **URLS}, headers=portal)
    assert again.json()["id"] == checkout["id"], "the same amount on the same day is one page"

    session_id = checkout["url"].rsplit("/", 1)[1]
    paid = httpx.post(checkout["url"], data={"card": "4242 4242 4242 4242"}, follow_redirects=False)
    assert paid.status_code == 303 and paid.headers["location"] == URLS["success_url"]
    keys = {"Authorization": f"Bearer {fake_provider.psp.secret_key}"}
    session = httpx.get(f"{fake_provider.base_url}/psp/v1/checkout/sessions/{session_id}", headers=keys).json()
    assert (session["payment_status"], session["amount_total"], session["currency"]) == ("paid", 25000, "eur")

    payload = event_for(session)
    secret = fake_provider.psp.webhook_secret
    events = "/api/v1/intake/card-payments/events"
    first = api.client.post(events, content=payload, headers=signed(secret, payload))
    assert first.status_code == 200, first.text
    assert first.json()["outcome"] == "recorded"
    twice = api.client.post(events, content=payload, headers=signed(secret, payload))
    assert twice.json() == {"outcome": "already", "payment_id": first.json()["payment_id"]}

    payments = api.client.get(f"/api/v1/cases/{case['id']}/payments", headers=api.creditor).json()["items"]
    [card] = payments
    assert (card["amount"], card["source"], card["reference"]) == (
        "250.00",
        "debtor_to_agency",
        session["payment_intent"],
    )
    listed = api.client.get(path, headers=api.creditor).json()["items"]
    assert [(item["status"], item["payment_id"]) for item in listed] == [("paid", card["id"])]


def test_an_event_not_signed_by_the_provider_or_replayed_later_is_refused(api, open_case, invoice, fake_provider):
    payload = event_for({"id": "cs_test_nobody", "payment_status": "paid", "amount_total": 100, "currency": "eur"})
    events = "/api/v1/intake/card-payments/events"
    forged = api.client.post(events, content=payload, headers=signed("whsec_forged", payload))
    assert forged.status_code == 400 and "Stripe-Signature" in forged.json()["detail_en"]
    stale = signed(fake_provider.psp.webhook_secret, payload, at=int(time.time()) - 600)
    assert api.client.post(events, content=payload, headers=stale).status_code == 400
    unknown = api.client.post(events, content=payload, headers=signed(fake_provider.psp.webhook_secret, payload))
    assert unknown.json() == {"outcome": "ignored", "payment_id": None}, "a page intake did not open is not recorded"
    for kind, data, status in (
        ("checkout.session.expired", {"id": "cs_test_x"}, 200),  # signed, but not a payment: acknowledged and left
        ("checkout.session.completed", [], 400),  # signed, but not the provider's shape: said, never a 500
    ):
        odd = json.dumps({"type": kind, "data": {"object": data}}).encode()
        answer = api.client.post(events, content=odd, headers=signed(fake_provider.psp.webhook_secret, odd))
        assert answer.status_code == status, answer.text


def test_a_card_payment_is_refused_in_plain_words_where_it_cannot_be_taken(
    api, open_case, invoice, portal, fake_provider
):
    case = validated(api, open_case, invoice, "CARD-2")
    path = f"/api/v1/intake/cases/{case['id']}/card-checkouts"
    too_much = api.client.post(path, json={"amount": "99999.00", **URLS}, headers=portal)
    assert too_much.status_code == 422 and "still due" in too_much.text
    too_little = api.client.post(path, json={"amount": "0.10", **URLS}, headers=portal)
    assert too_little.status_code == 422 and "at least €0.50" in too_little.text
    assert api.client.post(path, json={"amount": "10.00", **URLS}, headers=api.creditor).status_code == 403
    submitted = open_case("CARD-3", [invoice("F-9", "2026-09-01", "100.00")])
    not_yet = api.client.post(
        f"/api/v1/intake/cases/{submitted['id']}/card-checkouts", json={"amount": "10.00", **URLS}, headers=portal
    )
    assert not_yet.status_code == 409 and "no card payment" in not_yet.text


def test_a_declined_card_leaves_the_page_open_and_records_nothing(api, open_case, invoice, portal, fake_provider):
    case = validated(api, open_case, invoice, "CARD-4")
    opened = api.client.post(
        f"/api/v1/intake/cases/{case['id']}/card-checkouts", json={"amount": "40.00", **URLS}, headers=portal
    ).json()
    declined = httpx.post(opened["url"], data={"card": "4000 0000 0000 0002"}, follow_redirects=False)
    assert declined.status_code == 200 and "refusée" in declined.text
    assert api.client.get(f"/api/v1/cases/{case['id']}/payments", headers=api.creditor).json()["items"] == []
    pages = f"/api/v1/intake/cases/{case['id']}/card-checkouts"
    assert [item["status"] for item in api.client.get(pages, headers=api.creditor).json()["items"]] == ["open"]
    api.client.app.state.runtime.clock.advance(hours=24)
    assert [item["status"] for item in api.client.get(pages, headers=api.creditor).json()["items"]] == ["expired"]


@pytest.mark.intake_settings(psp_url="")
def test_without_a_provider_the_platform_says_card_payments_are_not_open(api, open_case, invoice, portal):
    assert api.client.get("/api/v1/intake/card-payments", headers=portal).json()["enabled"] is False
    case = validated(api, open_case, invoice, "CARD-5")
    answer = api.client.post(
        f"/api/v1/intake/cases/{case['id']}/card-checkouts", json={"amount": "10.00", **URLS}, headers=portal
    )
    assert answer.status_code == 409 and "not set up" in answer.json()["detail_en"]
