"""Signed webhooks, the platform's one implementation: legal's to partner bailiffs (docs/partners.md) and the
portal's to creditors (docs/webhooks.md) are built, signed, sent and retried by these rules.

- The body is compact JSON with its keys in a fixed order (`webhook_body`): the exact text posted and signed.
- `X-Recouvra-Signature` is `sha256=<hex>` of HMAC-SHA256 over "{timestamp}.{body}", one per valid secret (during a
  rotation's grace, the new one first), comma-separated; `X-Recouvra-Timestamp` is the wall clock's second at the
  attempt, `X-Recouvra-Delivery` the delivery's id (the same at every attempt: the receiver's key to drop a
  repeat), `X-Recouvra-Event` its type.
- A 2xx answer takes the delivery; 409 says the receiver already had this delivery id: both end it. Anything else,
  or no answer, is tried again after a wait that doubles from `backoff_s` up to `backoff_max_s`, `max_attempts`
  times in all.
- In production a receiver is reached over HTTPS only, at a public address (`target_refusal`): a creditor's URL must
  not make the platform call its own services or its cloud's metadata."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
from pydantic import BaseModel, Field

USER_AGENT = "Recouvra-Webhooks/1"


class WebhookSettings(BaseModel):
    """A webhook sender's settings, under its service's prefix (LEGAL_WEBHOOK_*, PORTAL_WEBHOOK_*)."""

    webhook_timeout_s: float = Field(default=5.0, gt=0, description="how long one webhook delivery attempt may take")
    webhook_max_attempts: int = Field(default=8, ge=1, le=50, description="attempts before a delivery is failed")
    webhook_backoff_s: float = Field(
        default=30.0, gt=0, description="wait after the first failed attempt; doubled each time"
    )
    webhook_backoff_max_s: float = Field(default=3600.0, gt=0, description="longest wait between two attempts")
    webhook_secret_grace_h: float = Field(
        default=24.0, ge=0, description="hours a rotated webhook secret still signs deliveries beside the new one"
    )
    webhook_interval_s: float = Field(
        default=1.0,
        gt=0,
        description="seconds between two passes of the webhook worker while it delivers; idle, it backs off to 10 s",
    )


class DeliveryAttempt(BaseModel):
    """One attempt as a delivery's log keeps it."""

    at: datetime
    status_code: int | None = None
    error: str | None = None


@dataclass(frozen=True)
class DeliveryPolicy:
    timeout_s: float = 5.0
    max_attempts: int = 8
    backoff_s: float = 30.0
    backoff_max_s: float = 3600.0

    @classmethod
    def of(cls, settings: Any) -> DeliveryPolicy:
        """From a service's `webhook_*` settings (LEGAL_WEBHOOK_*, PORTAL_WEBHOOK_*)."""
        return cls(
            timeout_s=settings.webhook_timeout_s,
            max_attempts=settings.webhook_max_attempts,
            backoff_s=settings.webhook_backoff_s,
            backoff_max_s=settings.webhook_backoff_max_s,
        )


def webhook_body(*, delivery_id: uuid.UUID, event_type: str, created_at: datetime, data: dict[str, Any]) -> str:
    """The exact text posted (and signed): compact JSON, keys in a fixed order."""
    envelope = {"id": str(delivery_id), "type": event_type, "created_at": created_at.isoformat(), "data": data}
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":"))


def next_attempt(*, attempts: int, after: datetime, base_s: float, cap_s: float) -> datetime:
    """Exponential backoff: the n-th failed attempt waits base × 2^(n-1), at most `cap_s`."""
    return after + timedelta(seconds=min(cap_s, base_s * 2 ** max(0, attempts - 1)))


def signature(secret: str, timestamp: int, body: str) -> str:
    """`sha256=<hex>` of HMAC-SHA256 over "{timestamp}.{body}"."""
    message = f"{timestamp}.{body}".encode()
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secrets: list[str], timestamp: int, body: str) -> str:
    """One signature per valid secret, the current one first, comma-separated: during a rotation's grace the
    receiver may hold either secret."""
    return ",".join(signature(secret, timestamp, body) for secret in secrets)


def signing_secrets(
    current: str, previous: str | None, previous_valid_until: datetime | None, now: datetime
) -> list[str]:
    """The current secret, and the previous one while its grace lasts."""
    if previous and previous_valid_until and now < previous_valid_until:
        return [current, previous]
    return [current]


@dataclass(frozen=True)
class Attempt:
    """What one attempt gave: the receiver's HTTP status, or None when it did not answer; the error, None when it
    took the delivery."""

    status_code: int | None
    error: str | None


def send_signed(
    http: httpx.Client,
    *,
    url: str,
    body: str,
    delivery_id: uuid.UUID,
    event_type: str,
    secrets: list[str],
    timestamp: int,
    timeout_s: float,
    production: bool = False,
) -> Attempt:
    """One attempt: the body POSTed with its signature. Redirects are not followed (the receiver's URL is the one it
    registered); in production a target that is not HTTPS at a public address is not called."""
    refusal = target_refusal(url, production=production)
    if refusal is not None:
        return Attempt(None, refusal[0])
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Recouvra-Delivery": str(delivery_id),
        "X-Recouvra-Event": event_type,
        "X-Recouvra-Timestamp": str(timestamp),
        "X-Recouvra-Signature": signature_header(secrets, timestamp, body),
    }
    try:
        response = http.post(url, content=body.encode(), headers=headers, timeout=timeout_s)
    except httpx.HTTPError as exc:
        return Attempt(None, f"{type(exc).__name__}: {str(exc)[:200]}")
    status_code = response.status_code
    taken = 200 <= status_code < 300 or status_code == 409
    return Attempt(status_code, None if taken else f"HTTP {status_code}")


def record_attempt(delivery: Any, attempt: Attempt, *, now: datetime, policy: DeliveryPolicy, give_up: bool) -> str:
    """Writes one attempt on a delivery's row (its `attempts`, `last_status_code`, `last_error`, `attempts_log`) and
    what follows (`status`, `delivered_at`, `next_attempt_at`): delivered; failed once `max_attempts` are spent, or at
    once when `give_up` (the endpoint is gone); else tried again after the backoff. Returns the outcome:
    `delivered`, `failed` or `retrying`."""
    delivery.attempts += 1
    delivery.last_status_code, delivery.last_error = attempt.status_code, attempt.error
    entry = {"at": now.isoformat(), "status_code": attempt.status_code, "error": attempt.error}
    delivery.attempts_log = [*delivery.attempts_log, entry]
    if attempt.error is None:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = "delivered", now, None
        return "delivered"
    if give_up or delivery.attempts >= policy.max_attempts:
        delivery.status, delivery.next_attempt_at = "failed", None
        return "failed"
    delivery.next_attempt_at = next_attempt(
        attempts=delivery.attempts, after=now, base_s=policy.backoff_s, cap_s=policy.backoff_max_s
    )
    return "retrying"


def target_refusal(url: str, *, production: bool) -> tuple[str, str] | None:
    """Why a receiver's URL may not be called (English, French), None when it may. Outside production any http(s)
    URL is called (the workbench's receivers listen on 127.0.0.1); in production only HTTPS, and only when every
    address its host resolves to is a public one."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "url: an http(s) address is needed", "url : une adresse http(s) est attendue"
    if not production:
        return None
    if parts.scheme != "https":
        return "url: webhooks are sent over HTTPS only", "url : les webhooks ne sont envoyés qu'en HTTPS"
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 443)}
    except (OSError, UnicodeError):
        return (
            f"url: {parts.hostname} could not be resolved",
            f"url : le nom {parts.hostname} ne se résout pas",
        )
    if not addresses or not all(ipaddress.ip_address(str(address).split("%")[0]).is_global for address in addresses):
        return (
            f"url: {parts.hostname} is not a public address",
            f"url : {parts.hostname} n'est pas une adresse publique",
        )
    return None
