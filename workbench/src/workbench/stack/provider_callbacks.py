"""The fake provider's status callbacks (docs/providers.md, Callbacks): a JSON body signed with HMAC-SHA256,
POSTed to the callback URL the request gave, retried on a non-2xx answer or no answer."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from datetime import date, datetime

import httpx

SIGNATURE_HEADER = "X-Provider-Signature"
RETRIES = 3


def signature(body: bytes, secret: str) -> str:
    """The `X-Provider-Signature` value of a body: `sha256=<hex HMAC-SHA256 of the raw body>`."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def callback_body(
    *, id: str, reference: str, kind: str, status: str, at: datetime, received_on: date | None, detail: str | None
) -> bytes:
    payload = {
        "id": id,
        "reference": reference,
        "kind": kind,
        "status": status,
        "at": at.isoformat(),
        "received_on": received_on.isoformat() if received_on else None,
        "detail": detail,
    }
    return json.dumps(payload, separators=(",", ":")).encode()


@dataclass(frozen=True)
class CallbackOutcome:
    url: str
    answer: int | None  # the last HTTP status received, None when the receiver never answered
    attempts: int


def deliver_callback(url: str, body: bytes, *, secret: str, backoff_s: float) -> CallbackOutcome:
    """One attempt and up to three retries, waiting `backoff_s`, then twice, then four times as long."""
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: signature(body, secret)}
    answer: int | None = None
    attempts = 0
    with httpx.Client(timeout=5.0) as client:
        for attempt in range(RETRIES + 1):
            if attempt:
                time.sleep(backoff_s * 2 ** (attempt - 1))
            attempts += 1
            try:
                answer = client.post(url, content=body, headers=headers).status_code
            except httpx.HTTPError:
                answer = None
                continue
            if 200 <= answer < 300:
                break
    return CallbackOutcome(url=url, answer=answer, attempts=attempts)
