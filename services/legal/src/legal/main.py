"""Legal application: court procedures, partner bailiffs and their missions, credit insurance and factoring.
Each part is a package handing over its daily jobs; the routes are in `routes/`, the events consumed in
`handlers.py`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from shared.auth import TokenVerifier
from shared.clock import SettableClock
from shared.daily import running
from shared.fresh_reads import FreshReader, client_credentials_token
from shared.runtime import Runtime
from shared.web import create_service_app

from legal import insurance, partners, procedures
from legal.config import Settings
from legal.handlers import HANDLERS, RUN_HANDLERS
from legal.routes import ROUTERS
from legal.seed import seed_demo


def create_app(
    settings: Settings | None = None, *, clock: SettableClock | None = None, verifier: TokenVerifier | None = None
) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def legal_resources(app: FastAPI, runtime: Runtime) -> AsyncIterator[None]:
        """Intake read fresh with legal's own service token (statements for request files, a case's documents),
        an HTTP client for partners' webhooks, and the daily jobs of every package."""
        with httpx.Client() as client:
            portal, intake = settings.service_urls.get("portal", ""), settings.service_urls.get("intake", "")
            token = client_credentials_token(
                client, f"{portal}/api/v1/auth/token", settings.service_name, settings.service_client_secret
            )
            app.state.http = client
            app.state.intake_reader = FreshReader(
                service="intake", base_url=intake, client=client, token=token, timeout_s=5.0
            )
            jobs = [job for part in (procedures, partners, insurance) for job in part.daily_jobs(runtime)]
            async with running(jobs if settings.run_workers else []):
                yield

    return create_service_app(
        title="Recouvra legal",
        description="Court procedures, bailiff partners and their missions, credit insurance and factoring.",
        runtime_factory=lambda: Runtime.build(
            settings, handlers=HANDLERS, run_handlers=RUN_HANDLERS, clock=clock, verifier=verifier
        ),
        routers=ROUTERS,
        seed=seed_demo,
        resources=legal_resources,
    )
