"""Work that follows the calendar rather than events (debts age, deadlines approach): run once per business
day, the day read from the injected clock in Europe/Paris, so that moving the platform clock to tomorrow runs
it on the next tick, and tests call `tick()` instead of waiting. Where the platform clock can be set (embedded and
test profiles), setting it runs the jobs for the new day before the answer (`catch_up`): a client that moved the
clock then reads scores, alerts and deadlines of that day, not of the day before."""

from __future__ import annotations

import logging
import threading
import weakref
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
        self._lock = threading.Lock()  # the background thread and a clock move may tick at once: one runs the day

    def tick(self) -> Any:
        """Runs the job when the business day changed since its last run; returns its result, or None."""
        with self._lock:
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


_RUNNING: weakref.WeakKeyDictionary[Clock, list[DailyJob]] = weakref.WeakKeyDictionary()
"""The jobs running in this process, by the clock they read: the ones a move of that clock catches up."""


@asynccontextmanager
async def running(jobs: list[DailyJob]) -> AsyncIterator[None]:
    """Runs the jobs in background threads for the life of an app (its lifespan's `resources`)."""
    stop = threading.Event()
    threads = [threading.Thread(target=job.run, args=(stop,), name=job.name, daemon=True) for job in jobs]
    for job in jobs:
        _RUNNING.setdefault(job.clock, []).append(job)
    for thread in threads:
        thread.start()
    try:
        yield
    finally:
        for job in jobs:
            _RUNNING.get(job.clock, []).remove(job)
        stop.set()
        for thread in threads:
            thread.join(timeout=15)


def catch_up(clock: Clock) -> None:
    """Runs now, in the caller's thread, the running jobs that read `clock` and have not run for its day yet. A
    job that fails is logged and left to its background thread, which retries at its next tick."""
    for job in list(_RUNNING.get(clock, ())):
        try:
            job.tick()
        except Exception:
            log.exception("%s failed after the clock moved; retrying at the next tick", job.name)


def only_one_replica(session: Any, name: str) -> bool:
    """Takes a transaction-scoped advisory lock named `name` in `session`'s transaction: True for the one
    replica that gets it; the others skip this run (every replica runs the daily jobs)."""
    from sqlalchemy import text

    key = zlib.crc32(f"recouvra-daily:{name}".encode())
    return bool(session.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": key}).scalar())
