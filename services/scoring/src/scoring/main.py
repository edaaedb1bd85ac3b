"""Scoring application."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from shared.auth import TokenVerifier
from shared.clock import SettableClock
from shared.runtime import Runtime
from shared.web import create_service_app

from scoring.config import Settings
from scoring.handlers import HANDLERS
from scoring.routes import admin, aged_balance, scores, worklist
from scoring.service.daily import DailyRescoring


def create_app(
    settings: Settings | None = None, *, clock: SettableClock | None = None, verifier: TokenVerifier | None = None
) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def daily_rescoring(app: FastAPI, runtime: Runtime) -> AsyncIterator[None]:
        if not settings.run_workers:
            yield
            return
        stop = threading.Event()
        worker = DailyRescoring(engine=runtime.engine, clock=runtime.clock, interval_s=settings.rescore_check_interval_s)
        thread = threading.Thread(target=worker.run, args=(stop,), name="scoring-daily-rescoring", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join(timeout=15)

    return create_service_app(
        title="Recouvra scoring",
        description="Debtor scores, aged balance, priorities and the agents' worklist.",
        runtime_factory=lambda: Runtime.build(settings, handlers=HANDLERS, clock=clock, verifier=verifier),
        routers=[aged_balance.router, scores.debtors, scores.cases, worklist.router, admin.router],
        resources=daily_rescoring,
    )
