"""The webhook delivery worker: sends every delivery that fell due on the platform clock, signed at the moment of
the attempt, and schedules the next attempt with exponential backoff when the partner did not take it.

Each delivery is locked (`FOR UPDATE SKIP LOCKED`) for its attempt, so that replicas running the worker side by
side never send one delivery twice at once. The signature's timestamp is read from the wall clock, as tokens are:
the business clock that tests and demonstrations move must not date what a partner checks against its own time.
A partner answering 2xx took the delivery; 409 says it already had this delivery id (docs/partners.md): both end
it. Anything else, or no answer, is tried again until `max_attempts`, then the delivery is marked failed."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import httpx
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from shared.clock import Clock, SystemClock
from shared.webhooks import Attempt, DeliveryPolicy, record_attempt, send_signed

from legal.partners.models import PartnerWebhook, WebhookDelivery
from legal.partners.webhooks import signing_secrets

log = logging.getLogger(__name__)


@dataclass
class DeliveryPass:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    outcomes: list[str] = field(default_factory=list)


def deliver_due(
    *,
    engine: Engine,
    http: httpx.Client,
    clock: Clock,
    policy: DeliveryPolicy,
    wall_clock: Clock | None = None,
    limit: int = 50,
) -> DeliveryPass:
    """One pass: at most `limit` deliveries, each in a transaction of its own."""
    report = DeliveryPass()
    wall = wall_clock or SystemClock()
    for _ in range(limit):
        with Session(engine, expire_on_commit=False) as session:
            delivery = session.exec(
                select(WebhookDelivery)
                .where(WebhookDelivery.status == "pending", col(WebhookDelivery.next_attempt_at) <= clock.now())
                .order_by(col(WebhookDelivery.next_attempt_at), col(WebhookDelivery.created_at))
                .limit(1)
                .with_for_update(skip_locked=True)
            ).first()
            if delivery is None:
                break
            outcome = _attempt(session, delivery, http=http, clock=clock, policy=policy, wall=wall)
            session.commit()
        setattr(report, outcome, getattr(report, outcome) + 1)
        report.outcomes.append(outcome)
    return report


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
