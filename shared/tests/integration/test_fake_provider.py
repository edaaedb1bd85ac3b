"""The fake SMS and postal provider answers as docs/providers.md says: API key, idempotency on the reference,
422 refusals, signed callbacks (retried), the control routes, and `auto_deliver`."""

import base64
import hashlib
import hmac
import json
import re
import threading
import time
import uuid
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


class CallbackReceiver:
    """A tiny HTTP server recording what it receives; it answers the statuses queued in `answers`, then 200."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.answers: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(receiver.answers.pop(0) if receiver.answers else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/callbacks/provider"
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()

    def bodies(self) -> list[dict]:
        return [json.loads(body) for _, body in self.received]

    def wait_for(self, count: int, timeout_s: float = 10.0) -> list[dict]:
        deadline = time.monotonic() + timeout_s
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.bodies()


@pytest.fixture
def receiver():
    receiver = CallbackReceiver()
    yield receiver
    receiver.server.shutdown()


def post(provider, path: str, body: dict, *, key: str | None = None) -> httpx.Response:
    key = provider.api_key if key is None else key
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return httpx.post(f"{provider.base_url}{path}", json=body, headers=headers, timeout=10)


def an_sms(callback_url: str, **changes: object) -> dict:
    sms = {
        "reference": f"msg-{uuid.uuid4()}",
        "to": "+33612345678",
        "text": "Rappel : facture F-1 due.",
        "callback_url": callback_url,
    }
    return {**sms, **changes}


def a_letter(callback_url: str, **changes: object) -> dict:
    letter = {
        "reference": f"msg-{uuid.uuid4()}",
        "service": "registered_ar",
        "sender": {"name": "Recouvra", "address_lines": ["1 rue de la Paix", "75002 Paris"]},
        "recipient": {"name": "SARL Débitrice", "address_lines": ["5 avenue Foch", "69006 Lyon"]},
        "pdf_base64": base64.b64encode(PDF).decode(),
        "callback_url": callback_url,
    }
    return {**letter, **changes}


@pytest.mark.parametrize("key", ["", "someone-elses-key"])
def test_a_call_without_the_api_key_is_refused(fake_provider, key):
    response = post(fake_provider, "/v1/sms", an_sms("http://127.0.0.1:9/cb"), key=key)
    assert response.status_code == 401 and response.json()["detail"]
    assert post(fake_provider, "/v1/letters", {"not": "a letter"}, key=key).status_code == 401


def test_an_sms_is_accepted_once_per_reference(fake_provider, receiver):
    sms = an_sms(receiver.url)
    first = post(fake_provider, "/v1/sms", sms)
    again = post(fake_provider, "/v1/sms", {**sms, "text": "another text"})

    assert first.status_code == 201 and again.status_code == 200
    assert re.fullmatch(r"sms_[0-9a-f]+", first.json()["id"]) and first.json()["status"] == "accepted"
    assert again.json() == first.json()
    [listed] = [m for m in fake_provider.messages() if m["reference"] == sms["reference"]]
    assert listed["text"] == "Rappel : facture F-1 due." and listed["recipient"] == "+33612345678"


def test_a_registered_letter_gets_a_tracking_number_and_its_pdf_is_kept(fake_provider, receiver):
    letter = a_letter(receiver.url)
    first = post(fake_provider, "/v1/letters", letter)
    again = post(fake_provider, "/v1/letters", letter)
    simple = post(fake_provider, "/v1/letters", a_letter(receiver.url, service="simple"))

    assert first.status_code == 201 and again.status_code == 200 and again.json() == first.json()
    assert re.fullmatch(r"let_[0-9a-f]+", first.json()["id"])
    assert re.fullmatch(r"1A[0-9]{11}", first.json()["tracking_number"])
    assert simple.status_code == 201 and simple.json()["tracking_number"] is None
    assert (fake_provider.post_dir / f"{first.json()['id']}.pdf").read_bytes() == PDF
    listing = {m["id"]: m for m in fake_provider.messages()}
    assert listing[first.json()["id"]]["service"] == "registered_ar"
    assert listing[first.json()["id"]]["recipient"]["name"] == "SARL Débitrice"


@pytest.mark.parametrize(
    ("path", "changes", "field"),
    [
        ("/v1/sms", {"to": "0612345678"}, "to"),
        ("/v1/sms", {"text": "x" * 641}, "text"),
        ("/v1/sms", {"reference": None}, "reference"),
        ("/v1/letters", {"recipient": {"name": "SARL Débitrice", "address_lines": []}}, "recipient"),
        ("/v1/letters", {"pdf_base64": base64.b64encode(b"<html>").decode()}, "pdf_base64"),
        ("/v1/letters", {"pdf_base64": "not base64!"}, "pdf_base64"),
        ("/v1/letters", {"service": "express"}, "service"),
    ],
)
def test_a_request_the_provider_cannot_take_is_refused_with_a_sentence(fake_provider, path, changes, field):
    body = (an_sms if path == "/v1/sms" else a_letter)("http://127.0.0.1:9/cb", **changes)
    response = post(fake_provider, path, body)
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], str) and field in response.json()["detail"]
    assert body["reference"] not in [m["reference"] for m in fake_provider.messages()]


def test_an_sms_of_640_characters_is_accepted(fake_provider):
    assert post(fake_provider, "/v1/sms", an_sms("http://127.0.0.1:9/cb", text="é" * 640)).status_code == 201


def test_the_control_route_sends_a_callback_signed_with_the_webhook_secret(fake_provider, receiver):
    letter = a_letter(receiver.url)
    letter_id = post(fake_provider, "/v1/letters", letter).json()["id"]

    answer = fake_provider.send_event("letter", letter_id, "acknowledged", received_on=date(2026, 11, 27))

    assert answer == {"delivered_to": receiver.url, "answer": 200, "attempts": 1}
    [(headers, body)] = receiver.received
    expected = "sha256=" + hmac.new(fake_provider.webhook_secret.encode(), body, hashlib.sha256).hexdigest()
    assert headers["x-provider-signature"] == expected
    payload = json.loads(body)
    assert {k: payload[k] for k in ("id", "reference", "kind", "status", "received_on", "detail")} == {
        "id": letter_id,
        "reference": letter["reference"],
        "kind": "letter",
        "status": "acknowledged",
        "received_on": "2026-11-27",
        "detail": None,
    }
    assert payload["at"].endswith("+00:00")
    [listed] = [m for m in fake_provider.messages() if m["id"] == letter_id]
    assert listed["status"] == "acknowledged" and listed["events"][0]["answer"] == 200


def test_a_callback_answered_with_an_error_is_retried_three_times(fake_provider, receiver):
    sms_id = post(fake_provider, "/v1/sms", an_sms(receiver.url)).json()["id"]
    receiver.answers = [500, 503, 500, 500]

    answer = fake_provider.send_event("sms", sms_id, "failed", detail="numéro inconnu")

    assert answer["answer"] == 500 and answer["attempts"] == 4
    assert len(receiver.received) == 4 and len({body for _, body in receiver.received}) == 1


def test_a_callback_succeeding_on_a_retry_stops_there(fake_provider, receiver):
    sms_id = post(fake_provider, "/v1/sms", an_sms(receiver.url)).json()["id"]
    receiver.answers = [502]

    assert fake_provider.send_event("sms", sms_id, "delivered")["attempts"] == 2


def test_the_control_route_refuses_what_cannot_happen(fake_provider, receiver):
    sms_id = post(fake_provider, "/v1/sms", an_sms(receiver.url)).json()["id"]
    simple_id = post(fake_provider, "/v1/letters", a_letter(receiver.url, service="simple")).json()["id"]
    control = f"{fake_provider.base_url}/_control"

    assert httpx.post(f"{control}/sms/{sms_id}/events", json={"status": "acknowledged"}).status_code == 422
    assert httpx.post(f"{control}/letter/{simple_id}/events", json={"status": "acknowledged"}).status_code == 422
    assert httpx.post(f"{control}/sms/{sms_id}/events", json={"status": "lost"}).status_code == 422
    assert httpx.post(f"{control}/letter/{sms_id}/events", json={"status": "delivered"}).status_code == 404
    assert httpx.post(f"{control}/sms/sms_unknown/events", json={"status": "delivered"}).status_code == 404
    assert receiver.received == []


def test_the_control_listing_names_every_accepted_request(fake_provider, receiver):
    sms = an_sms(receiver.url)
    post(fake_provider, "/v1/sms", sms)

    items = httpx.get(f"{fake_provider.base_url}/_control/messages").json()["items"]

    [listed] = [item for item in items if item["reference"] == sms["reference"]]
    assert {"id", "kind", "reference", "service", "status", "recipient"} <= set(listed)
    assert listed["kind"] == "sms" and listed["status"] == "accepted" and listed["service"] is None


def test_auto_deliver_reports_sms_and_simple_letters_delivered_but_waits_for_a_registered_letters_receipt(
    fake_provider, receiver
):
    with fake_provider.auto_delivering():
        registered = post(fake_provider, "/v1/letters", a_letter(receiver.url)).json()["id"]
        sms = post(fake_provider, "/v1/sms", an_sms(receiver.url)).json()["id"]
        simple = post(fake_provider, "/v1/letters", a_letter(receiver.url, service="simple")).json()["id"]
        bodies = receiver.wait_for(2)

    assert sorted((b["id"], b["status"]) for b in bodies) == sorted([(sms, "delivered"), (simple, "delivered")])
    assert registered not in [b["id"] for b in bodies]
    assert fake_provider.provider.auto_deliver is False
