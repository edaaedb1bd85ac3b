"""Partner bailiffs: missions, the partner API's status events, deeds and costs, signed webhooks.

The package hands the app its event handlers and daily jobs (its routes are in `legal.routes`); `models` registers
its tables."""

from __future__ import annotations

from shared.consumer import Handlers
from shared.daily import DailyJob
from shared.events.intake import PaymentReversed
from shared.runtime import Runtime

from legal.partners import models  # noqa: F401  (registers the package's tables)
from legal.partners.funds_reversals import on_payment_reversed
from legal.partners.worker import webhook_worker

HANDLERS: Handlers = {PaymentReversed: on_payment_reversed}


def daily_jobs(runtime: Runtime) -> list[DailyJob]:
    """The webhook worker: not daily, it runs every LEGAL_WEBHOOK_INTERVAL_S, in the same background threads."""
    return [webhook_worker(runtime)]
