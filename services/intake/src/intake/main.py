"""Intake application."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from shared.auth import TokenVerifier
from shared.clock import SettableClock, today_in_paris
from shared.daily import running
from shared.runtime import Runtime
from shared.web import create_service_app

from intake.cases.bodacc_watch import BodaccClient, daily_bodacc_watch
from intake.config import Settings
from intake.documents.storage import LocalDiskStore
from intake.handlers import HANDLERS
from intake.imports.jobs import resume_unfinished_imports
from intake.ledger.daily import daily_remittance_alerts
from intake.rates.table import warn_of_missing_rates
from intake.routes import ROUTERS, reconciliation
from intake.seed import seed_demo

LANE_PATHS = ("/api/v1/cases", "/api/v1/cases/{case_id}", "/api/v1/cases/{case_id}/statement")
"""The reads answered ahead of the framework when plainly well formed (`shared.lane_reads`): the case list every
creditor's dashboard reads, a case, and its statement of account."""


def create_app(
    settings: Settings | None = None, *, clock: SettableClock | None = None, verifier: TokenVerifier | None = None
) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def document_store(app: FastAPI, runtime: Runtime) -> AsyncIterator[None]:
        app.state.store = LocalDiskStore(settings.documents_dir)
        warn_of_missing_rates(runtime.engine, today_in_paris(runtime.clock))
        jobs = []
        # Background work runs on the worker engine: it never takes a connection the API's requests wait for.
        if settings.run_workers:  # imports a stopped process left unfinished are taken up again
            threading.Thread(
                target=resume_unfinished_imports,
                name="intake-import-resume",
                daemon=True,
                kwargs={"engine": runtime.worker_engine, "store": app.state.store, "clock": runtime.clock},
            ).start()
            if settings.bodacc_url:
                jobs.append(
                    daily_bodacc_watch(
                        engine=runtime.worker_engine,
                        clock=runtime.clock,
                        client=BodaccClient(settings.bodacc_url),
                        lookback_days=settings.bodacc_lookback_days,
                        interval_s=settings.daily_check_interval_s,
                    )
                )
            jobs.append(
                daily_remittance_alerts(
                    engine=runtime.worker_engine,
                    clock=runtime.clock,
                    within_days=settings.remittance_alert_days,
                    interval_s=settings.daily_check_interval_s,
                )
            )
        async with running(jobs):
            yield

    return create_service_app(
        title="Recouvra intake",
        description="Creditors, mandates, debtors, collection files and their money.",
        runtime_factory=lambda: Runtime.build(settings, handlers=HANDLERS, clock=clock, verifier=verifier),
        routers=ROUTERS,
        seed=seed_demo,
        resources=document_store,
        repeatable_posts=reconciliation.REPEATABLE,
        lane_paths=LANE_PATHS,
    )
