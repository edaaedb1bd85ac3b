"""The webhook worker in the app's background threads: a `DailyJob` that does not wait for the next business day
but runs a delivery pass at every tick, so that a partner hears of its mission within a second and a retry goes
out soon after it falls due on the platform clock. Every replica runs it; the deliveries' row locks keep one
delivery to one sender.

An idle worker stays quiet (issue 17): a pass that delivered nothing doubles the pause from
LEGAL_WEBHOOK_INTERVAL_S up to `IDLE_MAX_S`; a commit that queued a delivery in this process and a move of the
platform clock end the pause at once."""

from __future__ import annotations

import logging
import threading
import time
from datetime import date
from typing import Any

import httpx

from shared.clock import Clock, SettableClock, today_in_paris
from shared.daily import DailyJob
from shared.runtime import Runtime

from legal.partners.delivery import DeliveryPass, DeliveryPolicy, deliver_due
from legal.partners.webhooks import DELIVERY_QUEUED

log = logging.getLogger(__name__)
IDLE_MAX_S = 10.0
STOP_CHECK_S = 1.0


class EveryTick(DailyJob):
    """Runs its job at every tick rather than once per business day, backing off while it finds nothing."""

    def __init__(
        self,
        *,
        name: str,
        clock: Clock,
        job: Any,
        interval_s: float,
        wake: threading.Event,
        idle_max_s: float = IDLE_MAX_S,
    ) -> None:
        super().__init__(name=name, clock=clock, job=job, interval_s=interval_s)
        self.wake, self.idle_max_s = wake, idle_max_s
        if isinstance(clock, SettableClock):
            clock.on_move(wake.set)

    def tick(self) -> Any:
        return self.job(today_in_paris(self.clock))

    def pause_after(self, idle_passes: int) -> float:
        """The pause after `idle_passes` passes in a row that did nothing (0: the last pass worked)."""
        return min(self.interval_s * 2.0 ** max(idle_passes - 1, 0), max(self.interval_s, self.idle_max_s))

    def run(self, stop: threading.Event) -> None:
        idle = 0
        while not stop.is_set():
            worked = False
            try:
                worked = self.tick() is not None
            except Exception:
                log.exception("%s failed; retrying at the next tick", self.name)
            idle = 0 if worked else min(idle + 1, 16)
            deadline = time.monotonic() + self.pause_after(idle)
            while not stop.is_set() and time.monotonic() < deadline:
                if self.wake.wait(min(STOP_CHECK_S, max(deadline - time.monotonic(), 0.0))):
                    break
            self.wake.clear()


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
