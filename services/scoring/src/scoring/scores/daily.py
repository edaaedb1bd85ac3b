"""Debts age without any event: once per business day every open debtor is rescored, so that priorities,
bands and the worklist follow the days past due."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session

from shared.clock import Clock
from shared.daily import DailyJob, only_one_replica

from scoring.scores.retraining import rescore_all


def daily_rescoring(*, engine: Engine, clock: Clock, interval_s: float = 60.0) -> DailyJob:
    def rescore(_day: object) -> int | None:
        with Session(engine, expire_on_commit=False) as session:
            if not only_one_replica(session, "scoring-rescoring"):
                return None  # another replica is rescoring
            return rescore_all(session=session, clock=clock)

    return DailyJob(name="scoring-daily-rescoring", clock=clock, job=rescore, interval_s=interval_s)
