"""Work that follows the calendar rather than events (debts age, deadlines approach): run once per business
day, the day read from the injected clock in Europe/Paris, so that moving the platform clock to tomorrow runs
it on the next tick, and tests call `tick()` instead of waiting."""

from __future__ import annotations

import logging
import threading
import zlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

from shared.clock import Clock, today_in_paris

log = logging.getLogger(__name__)


class DailyJob:
    def __init__(self, *, name: str, clock: Clock, job: Callable[[date], Any], interval_s: float = 60.0) -> None:
        self.name, self.clock, self.job, self.interval_s = name, clock, job, interval_s
        self.last_day: date | None = None

    def tick(self) -> Any:
        """Runs the job when the business day changed since its last run; returns its result, or None."""
        today = today_in_paris(self.clock)
        if today == self.last_day:
            return None
        result = self.job(today)
        self.last_day = today
        log.info("%s for %s: %s", self.name, today, result)
        return result

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self.tick()
            except Exception:
                log.exception("%s failed; retrying at the next tick", self.name)
            stop.wait(self.interval_s)


@asynccontextmanager
async def running(jobs: list[DailyJob]) -> AsyncIterator[None]:
    """Runs the jobs in background threads for the life of an app (its lifespan's `resources`)."""
    stop = threading.Event()
    threads = [threading.Thread(target=job.run, args=(stop,), name=job.name, daemon=True) for job in jobs]
    for thread in threads:
        thread.start()
    try:
        yield
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=15)


def only_one_replica(session: Any, name: str) -> bool:
    """Takes a transaction-scoped advisory lock named `name` in `session`'s transaction: True for the one
    replica that gets it; the others skip this run (every replica runs the daily jobs)."""
    from sqlalchemy import text

    key = zlib.crc32(f"recouvra-daily:{name}".encode())
    return bool(session.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": key}).scalar())
