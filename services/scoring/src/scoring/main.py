"""Scoring application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from shared.auth import TokenVerifier
from shared.clock import SettableClock
from shared.daily import running
from shared.runtime import Runtime
from shared.web import create_service_app

from scoring.config import Settings
from scoring.handlers import HANDLERS, RUN_HANDLERS
from scoring.routes import admin, aged_balance, scores, worklist
from scoring.scores.daily import daily_rescoring as scoring_daily


def create_app(
    settings: Settings | None = None, *, clock: SettableClock | None = None, verifier: TokenVerifier | None = None
) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def daily_work(app: FastAPI, runtime: Runtime) -> AsyncIterator[None]:
        jobs = (
            # the worker engine: the daily rescoring never takes a connection the API's requests wait for
            [
                scoring_daily(
                    engine=runtime.worker_engine, clock=runtime.clock, interval_s=settings.rescore_check_interval_s
                )
            ]
            if settings.run_workers
            else []
        )
        async with running(jobs):
            yield

    return create_service_app(
        title="Recouvra scoring",
        description="Debtor scores, aged balance, priorities and the agents' worklist.",
        runtime_factory=lambda: Runtime.build(
            settings, handlers=HANDLERS, run_handlers=RUN_HANDLERS, clock=clock, verifier=verifier
        ),
        routers=[aged_balance.router, scores.debtors, scores.cases, worklist.router, admin.router],
        resources=daily_work,
    )
