"""Partner bailiffs: missions, the partner API's status events, deeds and costs, signed webhooks.

The package hands the app its routers, event handlers and daily jobs; `models` registers its tables."""

from __future__ import annotations

from fastapi import APIRouter

from shared.consumer import Handlers
from shared.daily import DailyJob
from shared.runtime import Runtime

from legal.partners import models  # noqa: F401  (registers the package's tables)

ROUTERS: list[APIRouter] = []
HANDLERS: Handlers = {}


def daily_jobs(runtime: Runtime) -> list[DailyJob]:
    """Work that follows the calendar (deadlines approaching), run once per business day on the platform clock."""
    return []
