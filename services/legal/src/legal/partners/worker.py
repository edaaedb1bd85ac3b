"""The webhook worker in the app's background threads: a `DailyJob` that does not wait for the next business day
but runs a delivery pass at every tick, so that a partner hears of its mission within a second and a retry goes
out soon after it falls due on the platform clock. Every replica runs it; the deliveries' row locks keep one
delivery to one sender.

An idle worker stays quiet (issue 17, `shared.every_tick`): a pass that delivered nothing doubles the pause from
LEGAL_WEBHOOK_INTERVAL_S up to ten seconds; a commit that queued a delivery in this process and a move of the
platform clock end the pause at once."""

from __future__ import annotations

from datetime import date

import httpx

from shared.daily import DailyJob
from shared.every_tick import EveryTick
from shared.runtime import Runtime
from shared.webhooks import DeliveryPolicy

from legal.partners.delivery import DeliveryPass, deliver_due
from legal.partners.webhooks import DELIVERY_QUEUED


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
    return EveryTick(name="legal-webhooks", clock=runtime.clock, job=deliver, interval_s=interval, wake=DELIVERY_QUEUED)
