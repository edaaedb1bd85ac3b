"""Partner bailiffs: missions, the partner API's status events, deeds and costs, signed webhooks.

The package hands the app its daily jobs (its routes are in `legal.routes`, the events it consumes in
`legal.handlers`); `models` registers its tables."""

from __future__ import annotations

from shared.daily import DailyJob
from shared.runtime import Runtime

from legal.partners import models  # noqa: F401  (registers the package's tables)
from legal.partners.worker import webhook_worker


def daily_jobs(runtime: Runtime) -> list[DailyJob]:
    """The webhook worker: not daily, it runs every LEGAL_WEBHOOK_INTERVAL_S, in the same background threads."""
    return [webhook_worker(runtime)]
