"""The creditors' webhook worker: sends every delivery that fell due on the platform clock, signed at the moment of
the attempt (`shared.webhooks`), and schedules the next attempt with the kernel's backoff when the creditor's system
did not take it.

Each delivery is locked (`FOR UPDATE SKIP LOCKED`) for its attempt, so that replicas running the worker side by side
never send one delivery twice at once. The signature's timestamp is read from the wall clock: the business clock
that tests and demonstrations move must not date what a receiver checks against its own time. The worker runs in the
app's background threads (`shared.every_tick`): idle, it backs off to ten seconds; a commit that queued a delivery in
this process, or a move of the platform clock, wakes it at once."""

from __future__ import annotations

import logging

import httpx
from sqlalchemy import Engine
from sqlmodel import Session

from shared.clock import Clock, SystemClock
from shared.config import Profile
from shared.daily import DailyJob
from shared.runtime import Runtime
from shared.webhook_delivery import DeliveryPass, deliver_due_rows, delivery_worker
from shared.webhooks import Attempt, DeliveryPolicy, record_attempt, send_signed, signing_secrets

from portal.webhooks.models import CreditorWebhook, CreditorWebhookDelivery
from portal.webhooks.queueing import WEBHOOK_QUEUED

log = logging.getLogger(__name__)


def deliver_due(
    *,
    engine: Engine,
    http: httpx.Client,
    clock: Clock,
    policy: DeliveryPolicy,
    production: bool = False,
    wall_clock: Clock | None = None,
    limit: int = 50,
) -> DeliveryPass:
    """One pass: at most `limit` deliveries, each in a transaction of its own (`shared.webhook_delivery`)."""
    wall = wall_clock or SystemClock()

    def attempt(session: Session, delivery: CreditorWebhookDelivery) -> str:
        return _attempt(session, delivery, http=http, clock=clock, policy=policy, wall=wall, production=production)

    return deliver_due_rows(engine=engine, model=CreditorWebhookDelivery, attempt=attempt, clock=clock, limit=limit)


def _attempt(
    session: Session,
    delivery: CreditorWebhookDelivery,
    *,
    http: httpx.Client,
    clock: Clock,
    policy: DeliveryPolicy,
    wall: Clock,
    production: bool,
) -> str:
    webhook = session.get(CreditorWebhook, delivery.webhook_id)
    gone = webhook is None or not webhook.active
    if webhook is None or gone:
        attempt = Attempt(None, "the webhook is deactivated")
    else:
        attempt = send_signed(
            http,
            url=webhook.url,
            body=delivery.body,
            delivery_id=delivery.id,
            event_type=delivery.event_type,
            secrets=signing_secrets(webhook.secret, webhook.previous_secret, webhook.previous_valid_until, clock.now()),
            timestamp=int(wall.now().timestamp()),
            timeout_s=policy.timeout_s,
            production=production,
        )
    outcome = record_attempt(delivery, attempt, now=clock.now(), policy=policy, give_up=gone)
    session.add(delivery)
    log.info(
        "webhook %s %s to creditor %s: %s (%s)",
        delivery.event_type,
        delivery.id,
        delivery.creditor_id,
        outcome,
        attempt.error or attempt.status_code,
    )
    return outcome


def webhook_worker(runtime: Runtime) -> DailyJob:
    policy = DeliveryPolicy.of(runtime.settings)
    production = runtime.settings.profile is Profile.PRODUCTION

    def deliver(http: httpx.Client) -> DeliveryPass:
        engine, clock = runtime.worker_engine, runtime.clock
        return deliver_due(engine=engine, http=http, clock=clock, policy=policy, production=production)

    return delivery_worker(runtime, name="portal-webhooks", wake=WEBHOOK_QUEUED, deliver=deliver)
