"""Legal application. Procedures, missions, claims and factoring arrive with the legal issues; today it
owns the partner firms and answers the partner API's identity route."""

from __future__ import annotations

from fastapi import FastAPI

from shared.auth import TokenVerifier
from shared.clock import SettableClock
from shared.runtime import Runtime
from shared.web import create_service_app

from legal.config import Settings
from legal.routes import router
from legal.seed import seed_demo


def create_app(
    settings: Settings | None = None, *, clock: SettableClock | None = None, verifier: TokenVerifier | None = None
) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        title="Recouvra legal",
        description="Court procedures, bailiff partners and their missions, credit insurance and factoring.",
        runtime_factory=lambda: Runtime.build(settings, clock=clock, verifier=verifier),
        routers=[router],
        seed=seed_demo,
    )
