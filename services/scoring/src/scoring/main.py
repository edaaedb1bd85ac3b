"""Scoring application."""

from __future__ import annotations

from fastapi import FastAPI

from shared.auth import TokenVerifier
from shared.clock import SettableClock
from shared.runtime import Runtime
from shared.web import create_service_app

from scoring.config import Settings
from scoring.handlers import HANDLERS
from scoring.routes import admin, aged_balance, scores, worklist


def create_app(
    settings: Settings | None = None, *, clock: SettableClock | None = None, verifier: TokenVerifier | None = None
) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        title="Recouvra scoring",
        description="Debtor scores, aged balance, priorities and the agents' worklist.",
        runtime_factory=lambda: Runtime.build(settings, handlers=HANDLERS, clock=clock, verifier=verifier),
        routers=[aged_balance.router, scores.debtors, scores.cases, worklist.router, admin.router],
    )
