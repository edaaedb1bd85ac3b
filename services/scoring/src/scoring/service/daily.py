"""Debts age without any event: once per business day (Paris), every open debtor is rescored so that
priorities, bands and the worklist follow the days past due. The day is read from the injected clock, so
moving the platform clock to tomorrow rescores on the next tick."""

from __future__ import annotations

import logging
import threading
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session

from shared.clock import Clock, today_in_paris

from scoring.service.retraining import rescore_all

log = logging.getLogger(__name__)


class DailyRescoring:
    def __init__(self, *, engine: Engine, clock: Clock, interval_s: float = 60.0) -> None:
        self.engine, self.clock, self.interval_s = engine, clock, interval_s
        self.last_day: date | None = None

    def tick(self) -> int | None:
        """Rescores when the business day changed since the last run; returns how many debtors, or None."""
        today = today_in_paris(self.clock)
        if today == self.last_day:
            return None
        with Session(self.engine, expire_on_commit=False) as session:
            count = rescore_all(session=session, clock=self.clock)
        self.last_day = today
        log.info("daily rescoring of %s: %s debtors", today, count)
        return count

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self.tick()
            except Exception:
                log.exception("daily rescoring failed; retrying at the next tick")
            stop.wait(self.interval_s)
