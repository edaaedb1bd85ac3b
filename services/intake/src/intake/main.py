"""Intake application."""

from __future__ import annotations

from fastapi import FastAPI

from shared.auth import TokenVerifier
from shared.clock import SettableClock
from shared.runtime import Runtime
from shared.web import create_service_app

from intake.config import Settings
from intake.handlers import HANDLERS
from intake.routes import router
from intake.seed import seed_demo


def create_app(
    settings: Settings | None = None, *, clock: SettableClock | None = None, verifier: TokenVerifier | None = None
) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        title="Recouvra intake",
        description="Creditors, mandates, debtors, collection files and their money.",
        runtime_factory=lambda: Runtime.build(settings, handlers=HANDLERS, clock=clock, verifier=verifier),
        routers=[router],
        seed=seed_demo,
    )
