"""The webhook worker in the app's background threads: a `DailyJob` that does not wait for the next business day
but runs a delivery pass at every tick (every LEGAL_WEBHOOK_INTERVAL_S), so that a partner hears of its mission
within seconds and a retry goes out as soon as it falls due on the platform clock. Every replica runs it; the
deliveries' row locks keep one delivery to one sender."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx

from shared.clock import today_in_paris
from shared.daily import DailyJob
from shared.runtime import Runtime

from legal.partners.delivery import DeliveryPass, DeliveryPolicy, deliver_due


class EveryTick(DailyJob):
    """Runs its job at every tick rather than once per business day."""

    def tick(self) -> Any:
        return self.job(today_in_paris(self.clock))


def webhook_worker(runtime: Runtime) -> DailyJob:
    settings = runtime.settings
    policy = DeliveryPolicy.of(settings)
    clients: list[httpx.Client] = []  # made at the first pass: an app that runs no workers opens none

    def deliver(today: date) -> DeliveryPass | None:
        if not clients:
            clients.append(httpx.Client(follow_redirects=False))
        report = deliver_due(engine=runtime.worker_engine, http=clients[0], clock=runtime.clock, policy=policy)
        return report if report.outcomes else None

    interval = float(getattr(settings, "webhook_interval_s", 1.0))
    return EveryTick(name="legal-webhooks", clock=runtime.clock, job=deliver, interval_s=interval)
