"""A webhook sender's worker, the platform's one: a pass sends the deliveries due on the platform clock, each locked
(`FOR UPDATE SKIP LOCKED`) in a transaction of its own for its attempt, so that replicas running the worker side by
side never send one delivery twice at once; the pass runs at every tick of the app's background threads
(`shared.every_tick`), backing off to ten seconds while idle and woken by a commit that queued a delivery or a move
of the platform clock. Legal's partner webhooks and the portal's creditors' webhooks run it over their own tables;
what one attempt sends and writes is `shared.webhooks`."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from shared.clock import Clock
from shared.daily import DailyJob
from shared.every_tick import EveryTick
from shared.runtime import Runtime


@dataclass
class DeliveryPass:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    outcomes: list[str] = field(default_factory=list)


def deliver_due_rows(
    *,
    engine: Engine,
    model: Any,
    attempt: Callable[[Session, Any], str],
    clock: Clock,
    limit: int = 50,
) -> DeliveryPass:
    """One pass over `model`'s rows (`status`, `next_attempt_at`, `created_at`): at most `limit` deliveries, the
    earliest due first, each given to `attempt` (which returns its outcome) and committed on its own."""
    report = DeliveryPass()
    for _ in range(limit):
        with Session(engine, expire_on_commit=False) as session:
            delivery = session.exec(
                select(model)
                .where(model.status == "pending", col(model.next_attempt_at) <= clock.now())
                .order_by(col(model.next_attempt_at), col(model.created_at))
                .limit(1)
                .with_for_update(skip_locked=True)
            ).first()
            if delivery is None:
                break
            outcome = attempt(session, delivery)
            session.commit()
        setattr(report, outcome, getattr(report, outcome) + 1)
        report.outcomes.append(outcome)
    return report


def delivery_worker(
    runtime: Runtime, *, name: str, wake: threading.Event, deliver: Callable[[httpx.Client], DeliveryPass]
) -> DailyJob:
    """The job that runs `deliver` at every tick with one HTTP client (made at the first pass: an app that runs no
    workers opens none), every `webhook_interval_s` of the service's settings while it delivers."""
    clients: list[httpx.Client] = []

    def tick(today: date) -> DeliveryPass | None:
        if not clients:
            clients.append(httpx.Client(follow_redirects=False))
        report = deliver(clients[0])
        return report if report.outcomes else None

    interval = float(getattr(runtime.settings, "webhook_interval_s", 1.0))
    return EveryTick(name=name, clock=runtime.clock, job=tick, interval_s=interval, wake=wake)
