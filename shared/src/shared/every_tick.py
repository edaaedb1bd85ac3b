"""A background job that runs at every tick rather than once per business day (a webhook worker), backing off
while it finds nothing to do.

An idle worker stays quiet (issue 17): a pass that did nothing doubles the pause from `interval_s` up to
`idle_max_s`; a commit that queued work in this process (`wake`) and a move of the platform clock end the pause at
once."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from shared.clock import Clock, SettableClock, today_in_paris
from shared.daily import DailyJob

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
