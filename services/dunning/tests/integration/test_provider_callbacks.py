"""The provider's delivery callbacks: signed with the webhook secret by the fake provider (the provider's API),
verified in constant time, parsed into a `ProviderCallback`; anything unsigned or altered is refused (403)."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from shared.errors import Forbidden, Invalid
from workbench.stack.provider_callbacks import signature

from dunning.channels.base import Outgoing
from dunning.channels.provider import ProviderCallback, ProviderPost, verify_callback
from dunning.errors import InvalidSignature

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[tuple[bytes, str | None]]]]:
    """A callback URL, and every (raw body, X-Provider-Signature) it received; it answers 204."""
    received: list[tuple[bytes, str | None]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            received.append((body, self.headers.get("X-Provider-Signature")))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/callbacks", received
    server.shutdown()
    server.server_close()
    thread.join()


def test_an_acknowledged_registered_letter_reports_back_signed_and_parses(fake_provider, receiver):
    url, received = receiver
    message_id = str(uuid.uuid4())
    letter = Outgoing(
        message_id=message_id,
        channel="letter",
        recipient_name="Jean Dupont",
        recipient_address_lines=("3 place Bellecour", "69002 Lyon"),
        sender_name="Recouvra Agence",
        sender_address_lines=("10 rue de la Bourse", "75002 Paris"),
        subject="Mise en demeure",
        text="",
        pdf=PDF,
        registered=True,
        callback_url=url,
    )
    with httpx.Client() as client:
        sent = ProviderPost(client, fake_provider.base_url, fake_provider.api_key).send(letter)
    assert sent.provider_id is not None
    answer = fake_provider.send_event("letter", sent.provider_id, "acknowledged", received_on=date(2026, 12, 3))
    assert answer["answer"] == 204
    ((body, header),) = received
    callback = ProviderCallback.parse(verify_callback(body, header, fake_provider.webhook_secret))
    assert callback.reference == message_id and callback.id == sent.provider_id
    assert (callback.kind, callback.status, callback.received_on) == ("letter", "acknowledged", date(2026, 12, 3))
    assert callback.at.tzinfo is not None and callback.detail is None


BODY = json.dumps(
    {
        "id": "sms_01",
        "reference": "m-1",
        "kind": "sms",
        "status": "bounced",
        "at": "2026-12-01T10:00:00+00:00",
        "received_on": None,
        "detail": "unknown number",
    }
).encode()
SECRET = "webhook-secret"


def test_a_correctly_signed_callback_is_read():
    payload = verify_callback(BODY, signature(BODY, SECRET), SECRET)
    callback = ProviderCallback.parse(payload)
    assert callback == ProviderCallback(
        id="sms_01",
        reference="m-1",
        kind="sms",
        status="bounced",
        at=datetime(2026, 12, 1, 10, tzinfo=UTC),
        detail="unknown number",
    )
    assert verify_callback(BODY, signature(BODY, SECRET).upper().replace("SHA256=", "sha256="), SECRET) == payload


@pytest.mark.parametrize(
    ("body", "header", "secret"),
    [
        (BODY.replace(b"bounced", b"delivered"), signature(BODY, SECRET), SECRET),  # the body altered
        (BODY, signature(BODY, "another-secret"), SECRET),  # signed by someone else
        (BODY, None, SECRET),  # not signed
        (BODY, signature(BODY, SECRET).replace("sha256=", "sha1="), SECRET),  # another scheme
        (BODY, signature(BODY, SECRET)[:-2], SECRET),  # cut
        (BODY, "sha256=é" + signature(BODY, SECRET)[8:], SECRET),  # not even ASCII
        (BODY, signature(BODY, ""), ""),  # no secret configured: nothing is accepted
    ],
)
def test_an_unsigned_altered_or_foreign_callback_is_refused(body, header, secret):
    with pytest.raises(InvalidSignature) as refused:
        verify_callback(body, header, secret)
    assert isinstance(refused.value, Forbidden) and refused.value.status_code == 403
    assert refused.value.message == "the callback's signature is missing or wrong" and refused.value.message_fr


def test_a_signed_body_that_is_not_a_callback_is_invalid():
    for body in (b"[1, 2]", b"not json"):
        with pytest.raises(Invalid):
            verify_callback(body, signature(body, SECRET), SECRET)
    payload = json.loads(BODY)
    for field, value in (("status", "eaten"), ("kind", "fax"), ("at", "yesterday"), ("reference", None)):
        with pytest.raises(Invalid):
            ProviderCallback.parse({**payload, field: value})
    with pytest.raises(Invalid) as missing:
        ProviderCallback.parse({key: value for key, value in payload.items() if key != "id"})
    assert missing.value.field == "id"
