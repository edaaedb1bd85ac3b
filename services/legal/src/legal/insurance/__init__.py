"""Credit insurance (policies, threat-of-loss declarations, claims to payout) and factoring (contracts,
assignment batches, subrogation notices, factor disputes).

The package hands the app its daily jobs (its routes are in `legal.routes`, the events it consumes in
`legal.handlers`); `models` registers its tables."""

from __future__ import annotations

from shared.daily import DailyJob
from shared.runtime import Runtime

from legal.config import Settings
from legal.insurance import case_models, models  # noqa: F401  (registers the package's tables)
from legal.insurance.alerts import daily_insurance_alerts


def daily_jobs(runtime: Runtime) -> list[DailyJob]:
    """Work that follows the calendar (deadlines approaching), run once per business day on the platform clock."""
    settings = runtime.settings
    alert_days = settings.insurance_alert_days if isinstance(settings, Settings) else 10
    interval = settings.insurance_check_interval_s if isinstance(settings, Settings) else 60.0
    return [
        daily_insurance_alerts(
            engine=runtime.worker_engine, clock=runtime.clock, alert_days=alert_days, interval_s=interval
        )
    ]
