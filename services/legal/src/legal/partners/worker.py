"""The webhook worker in the app's background threads: a `DailyJob` that does not wait for the next business day
but runs a delivery pass at every tick, so that a partner hears of its mission within a second and a retry goes
out soon after it falls due on the platform clock. Every replica runs it; the deliveries' row locks keep one
delivery to one sender.

An idle worker stays quiet (issue 17, `shared.every_tick`): a pass that delivered nothing doubles the pause from
LEGAL_WEBHOOK_INTERVAL_S up to ten seconds; a commit that queued a delivery in this process and a move of the
platform clock end the pause at once."""

from __future__ import annotations

import httpx

from shared.daily import DailyJob
from shared.runtime import Runtime
from shared.webhook_delivery import DeliveryPass, delivery_worker
from shared.webhooks import DeliveryPolicy

from legal.partners.delivery import deliver_due
from legal.partners.webhooks import DELIVERY_QUEUED


def webhook_worker(runtime: Runtime) -> DailyJob:
    policy = DeliveryPolicy.of(runtime.settings)

    def deliver(http: httpx.Client) -> DeliveryPass:
        return deliver_due(engine=runtime.worker_engine, http=http, clock=runtime.clock, policy=policy)

    return delivery_worker(runtime, name="legal-webhooks", wake=DELIVERY_QUEUED, deliver=deliver)
