"""Dunning application. Scenarios, steps, promises, plans and disputes arrive with the dunning issue;
today it runs its relay and answers operations and clock routes."""

from __future__ import annotations

from fastapi import FastAPI

from shared.auth import TokenVerifier
from shared.clock import SettableClock
from shared.runtime import Runtime
from shared.web import create_service_app

from dunning.config import Settings


def create_app(
    settings: Settings | None = None, *, clock: SettableClock | None = None, verifier: TokenVerifier | None = None
) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        title="Recouvra dunning",
        description="Graduated amicable collection: scenarios, reminders, promises, payment plans, disputes.",
        runtime_factory=lambda: Runtime.build(settings, clock=clock, verifier=verifier),
    )
