"""Once per business day: announce the collected funds close to the one-month remittance deadline (R124-6
CPCE), so that an operator sees them before the month runs out, without anybody asking."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlmodel import Session

from shared.auth import Principal, Role
from shared.clock import Clock
from shared.daily import DailyJob, only_one_replica

from intake.ledger.remittance_alerts import raise_alerts

SYSTEM = Principal(subject="intake-daily", role=Role.SERVICE, name="intake daily jobs")


def daily_remittance_alerts(*, engine: Engine, clock: Clock, within_days: int, interval_s: float = 60.0) -> DailyJob:
    def alert(_day: object) -> int | None:
        with Session(engine, expire_on_commit=False) as session:
            if not only_one_replica(session, "intake-remittance-alerts"):
                return None  # another replica is announcing them
            _, newly = raise_alerts(session=session, principal=SYSTEM, clock=clock, within_days=within_days)
            return newly

    return DailyJob(name="intake-remittance-alerts", clock=clock, job=alert, interval_s=interval_s)
