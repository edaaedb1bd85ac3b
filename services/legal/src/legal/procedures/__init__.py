"""Court procedures: escalation proposals from exhausted dunning, payment orders and small claims with their
deadlines, the request file, insolvency claim declarations, the prescription watch.

The package hands the app its daily jobs (its routes are in `legal.routes`, the events it consumes in
`legal.handlers`); `models` registers its tables."""

from __future__ import annotations

from shared.daily import DailyJob
from shared.runtime import Runtime

from legal.config import Settings
from legal.procedures import models  # noqa: F401  (registers the package's tables)
from legal.procedures.service.watch import watch as watch_deadlines


def daily_jobs(runtime: Runtime) -> list[DailyJob]:
    """Once per business day on the platform clock: void the orders not served in time, raise the alerts of what
    falls due within `alert_days` (procedure deadlines and prescription), resolve those nothing is left to do about."""
    settings = runtime.settings
    alert_days = settings.alert_days if isinstance(settings, Settings) else 14
    interval = settings.procedures_check_interval_s if isinstance(settings, Settings) else 60.0
    return [
        DailyJob(
            name="legal-procedures-watch",
            clock=runtime.clock,
            job=lambda today: watch_deadlines(
                engine=runtime.worker_engine, clock=runtime.clock, today=today, alert_days=alert_days
            ),
            interval_s=interval,
        )
    ]
