"""The kernel's webhook rules (`shared.webhooks`): backoff, signature, the body's text, which receivers may be
called in production, and one attempt against a receiver that answers what a test tells it to."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from shared.webhooks import (
    next_attempt,
    send_signed,
    signature,
    signature_header,
    signing_secrets,
    target_refusal,
    webhook_body,
)


def test_the_backoff_doubles_after_each_failure_up_to_its_cap():
    after = datetime(2026, 11, 24, 9, tzinfo=UTC)
    waits = [next_attempt(attempts=n, after=after, base_s=30, cap_s=600) - after for n in range(1, 7)]
    assert waits == [timedelta(seconds=s) for s in (30, 60, 120, 240, 480, 600)]


def test_the_signature_is_the_hmac_sha256_of_timestamp_dot_body():
    body = '{"id":"d-1","type":"mission.assigned"}'
    expected = hmac.new(b"secret", b"1764000000." + body.encode(), hashlib.sha256).hexdigest()
    assert signature("secret", 1764000000, body) == f"sha256={expected}"
    both = signature_header(["new", "old"], 1764000000, body)
    assert both == f"{signature('new', 1764000000, body)},{signature('old', 1764000000, body)}"


def test_a_rotated_secret_signs_beside_the_new_one_until_its_grace_ends():
    now = datetime(2026, 12, 7, 9, tzinfo=UTC)
    assert signing_secrets("new", "old", now + timedelta(hours=1), now) == ["new", "old"]
    assert signing_secrets("new", "old", now, now) == ["new"]
    assert signing_secrets("new", None, None, now) == ["new"]


def test_the_body_is_compact_json_with_its_keys_in_a_fixed_order():
    delivery = uuid.UUID(int=7)
    body = webhook_body(
        delivery_id=delivery,
        event_type="case.closed",
        created_at=datetime(2026, 12, 7, 9, tzinfo=UTC),
        data={"résumé": "clôturé"},
    )
    assert body == (
        '{"id":"00000000-0000-0000-0000-000000000007","type":"case.closed",'
        '"created_at":"2026-12-07T09:00:00+00:00","data":{"résumé":"clôturé"}}'
    )
    assert list(json.loads(body)) == ["id", "type", "created_at", "data"]


@pytest.mark.parametrize(
    ("url", "production", "refused"),
    [
        ("http://127.0.0.1:9000/hook", False, None),
        ("https://erp.example/hook", False, None),
        ("ftp://erp.example/hook", False, "http(s)"),
        ("http://", False, "http(s)"),
        ("http://erp.example/hook", True, "HTTPS only"),
        ("https://127.0.0.1/hook", True, "not a public address"),
        ("https://10.1.2.3/hook", True, "not a public address"),
        ("https://169.254.169.254/latest/meta-data", True, "not a public address"),
        ("https://[::1]/hook", True, "not a public address"),
        ("https://localhost/hook", True, "not a public address"),
        ("https://8.8.8.8/hook", True, None),
    ],
)
def test_production_calls_only_https_receivers_at_public_addresses(url, production, refused):
    refusal = target_refusal(url, production=production)
    if refused is None:
        assert refusal is None
    else:
        assert refusal is not None and refused in refusal[0] and refusal[1].startswith("url :")


def _receiver(answers: list[int]) -> tuple[httpx.Client, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(answers[len(seen) - 1])

    return httpx.Client(transport=httpx.MockTransport(handle)), seen


@pytest.mark.parametrize(("answer", "error"), [(204, None), (409, None), (410, "HTTP 410"), (500, "HTTP 500")])
def test_an_attempt_is_taken_by_a_2xx_or_a_409_and_carries_its_signature(answer, error):
    client, seen = _receiver([answer])
    delivery = uuid.uuid4()
    attempt = send_signed(
        client,
        url="http://127.0.0.1:9/hook",
        body='{"id":"x"}',
        delivery_id=delivery,
        event_type="case.closed",
        secrets=["s1", "s0"],
        timestamp=1764000000,
        timeout_s=1.0,
    )
    assert (attempt.status_code, attempt.error) == (answer, error)
    (request,) = seen
    assert request.content == b'{"id":"x"}'
    assert request.headers["X-Recouvra-Delivery"] == str(delivery)
    assert request.headers["X-Recouvra-Event"] == "case.closed"
    assert request.headers["X-Recouvra-Signature"] == signature_header(["s1", "s0"], 1764000000, '{"id":"x"}')


def test_an_attempt_in_production_never_calls_a_private_address():
    client, seen = _receiver([200])
    attempt = send_signed(
        client,
        url="https://192.168.1.10/hook",
        body="{}",
        delivery_id=uuid.uuid4(),
        event_type="case.closed",
        secrets=["s"],
        timestamp=1764000000,
        timeout_s=1.0,
        production=True,
    )
    assert attempt.status_code is None and "not a public address" in (attempt.error or "")
    assert seen == []


def test_an_attempt_is_written_on_its_delivery_with_what_follows():
    from types import SimpleNamespace

    from shared.webhooks import Attempt, DeliveryPolicy, record_attempt

    policy = DeliveryPolicy(max_attempts=2, backoff_s=30, backoff_max_s=600)
    now = datetime(2026, 12, 8, 9, tzinfo=UTC)

    def row():
        return SimpleNamespace(
            attempts=0,
            last_status_code=None,
            last_error=None,
            attempts_log=[],
            status="pending",
            delivered_at=None,
            next_attempt_at=now,
        )

    delivery = row()
    assert record_attempt(delivery, Attempt(503, "HTTP 503"), now=now, policy=policy, give_up=False) == "retrying"
    assert (delivery.attempts, delivery.next_attempt_at) == (1, now + timedelta(seconds=30))
    assert record_attempt(delivery, Attempt(None, "ConnectError"), now=now, policy=policy, give_up=False) == "failed"
    assert (delivery.status, delivery.next_attempt_at, len(delivery.attempts_log)) == ("failed", None, 2)
    taken = row()
    assert record_attempt(taken, Attempt(204, None), now=now, policy=policy, give_up=False) == "delivered"
    assert (taken.status, taken.delivered_at, taken.attempts_log[0]["status_code"]) == ("delivered", now, 204)
    gone = row()
    assert record_attempt(gone, Attempt(None, "deactivated"), now=now, policy=policy, give_up=True) == "failed"
