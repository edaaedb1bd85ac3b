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
from dataclasses import dataclass, field
from datetime import date

import httpx
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from shared.clock import Clock, SystemClock
from shared.config import Profile
from shared.daily import DailyJob
from shared.every_tick import EveryTick
from shared.runtime import Runtime
from shared.webhooks import Attempt, DeliveryPolicy, record_attempt, send_signed, signing_secrets

from portal.webhooks.models import CreditorWebhook, CreditorWebhookDelivery
from portal.webhooks.queueing import WEBHOOK_QUEUED

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
    production: bool = False,
    wall_clock: Clock | None = None,
    limit: int = 50,
) -> DeliveryPass:
    """One pass: at most `limit` deliveries, each in a transaction of its own."""
    report = DeliveryPass()
    wall = wall_clock or SystemClock()
    for _ in range(limit):
        with Session(engine, expire_on_commit=False) as session:
            delivery = session.exec(
                select(CreditorWebhookDelivery)
                .where(
                    CreditorWebhookDelivery.status == "pending",
                    col(CreditorWebhookDelivery.next_attempt_at) <= clock.now(),
                )
                .order_by(col(CreditorWebhookDelivery.next_attempt_at), col(CreditorWebhookDelivery.created_at))
                .limit(1)
                .with_for_update(skip_locked=True)
            ).first()
            if delivery is None:
                break
            outcome = _attempt(
                session, delivery, http=http, clock=clock, policy=policy, wall=wall, production=production
            )
            session.commit()
        setattr(report, outcome, getattr(report, outcome) + 1)
        report.outcomes.append(outcome)
    return report


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
    settings = runtime.settings
    policy = DeliveryPolicy.of(settings)
    production = settings.profile is Profile.PRODUCTION
    clients: list[httpx.Client] = []  # made at the first pass: an app that runs no workers opens none

    def deliver(today: date) -> DeliveryPass | None:
        if not clients:
            clients.append(httpx.Client(follow_redirects=False))
        report = deliver_due(
            engine=runtime.worker_engine, http=clients[0], clock=runtime.clock, policy=policy, production=production
        )
        return report if report.outcomes else None

    return EveryTick(
        name="portal-webhooks",
        clock=runtime.clock,
        job=deliver,
        interval_s=float(getattr(settings, "webhook_interval_s", 1.0)),
        wake=WEBHOOK_QUEUED,
    )
