"""The webhook delivery worker: sends every delivery that fell due on the platform clock, signed at the moment of
the attempt, and schedules the next attempt with exponential backoff when the partner did not take it.

Each delivery is locked (`FOR UPDATE SKIP LOCKED`) for its attempt, so that replicas running the worker side by
side never send one delivery twice at once. The signature's timestamp is read from the wall clock, as tokens are:
the business clock that tests and demonstrations move must not date what a partner checks against its own time.
A partner answering 2xx took the delivery; 409 says it already had this delivery id (docs/partners.md): both end
it. Anything else, or no answer, is tried again until `max_attempts`, then the delivery is marked failed."""

from __future__ import annotations

import logging

import httpx
from sqlalchemy import Engine
from sqlmodel import Session

from shared.clock import Clock, SystemClock
from shared.webhook_delivery import DeliveryPass, deliver_due_rows
from shared.webhooks import Attempt, DeliveryPolicy, record_attempt, send_signed

from legal.partners.models import PartnerWebhook, WebhookDelivery
from legal.partners.webhooks import signing_secrets

log = logging.getLogger(__name__)


def deliver_due(
    *,
    engine: Engine,
    http: httpx.Client,
    clock: Clock,
    policy: DeliveryPolicy,
    wall_clock: Clock | None = None,
    limit: int = 50,
) -> DeliveryPass:
    """One pass: at most `limit` deliveries, each in a transaction of its own (`shared.webhook_delivery`)."""
    wall = wall_clock or SystemClock()

    def attempt(session: Session, delivery: WebhookDelivery) -> str:
        return _attempt(session, delivery, http=http, clock=clock, policy=policy, wall=wall)

    return deliver_due_rows(engine=engine, model=WebhookDelivery, attempt=attempt, clock=clock, limit=limit)


def _attempt(
    session: Session,
    delivery: WebhookDelivery,
    *,
    http: httpx.Client,
    clock: Clock,
    policy: DeliveryPolicy,
    wall: Clock,
) -> str:
    webhook = session.get(PartnerWebhook, delivery.partner_id)
    if webhook is None:
        attempt = Attempt(None, "the partner has no webhook endpoint any more")
    else:
        attempt = send_signed(
            http,
            url=webhook.url,
            body=delivery.body,
            delivery_id=delivery.id,
            event_type=delivery.event_type,
            secrets=signing_secrets(webhook, clock.now()),
            timestamp=int(wall.now().timestamp()),
            timeout_s=policy.timeout_s,
        )
    outcome = record_attempt(delivery, attempt, now=clock.now(), policy=policy, give_up=webhook is None)
    session.add(delivery)
    log.info(
        "webhook %s %s to partner %s: %s (%s)",
        delivery.event_type,
        delivery.id,
        delivery.partner_id,
        outcome,
        attempt.error or attempt.status_code,
    )
    return outcome
