"""Portal application: identity, users, the platform clock and the gateway to the other services."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from shared.auth import TokenVerifier
from shared.clock import SettableClock
from shared.runtime import Runtime
from shared.web import create_service_app

from portal.config import Settings
from portal.handlers import HANDLERS
from portal.keys import load_signing_key
from portal.routes import auth, gateway, users
from portal.routes import clock as clock_routes
from portal.routes.gateway import PathGuard
from portal.seed import seed_demo


def create_app(settings: Settings | None = None, *, clock: SettableClock | None = None) -> FastAPI:
    settings = settings or Settings()
    signing_key = load_signing_key(settings)
    # The portal verifies its own tokens with its own key: no HTTP round trip to itself.
    verifier = TokenVerifier(issuer=settings.jwt_issuer, audience=settings.jwt_audience,
                             jwks={"keys": [signing_key.jwk()]})

    @asynccontextmanager
    async def gateway_client(app: FastAPI, runtime: Runtime) -> AsyncIterator[None]:
        limits = httpx.Limits(max_connections=200, max_keepalive_connections=50)
        async with httpx.AsyncClient(timeout=settings.gateway_timeout_s, limits=limits) as client:
            app.state.gateway_client = client
            yield

    app = create_service_app(
        title="Recouvra portal",
        description="Identity, users and the single public entry point of the Recouvra platform.",
        runtime_factory=lambda: Runtime.build(settings, handlers=HANDLERS, verifier=verifier, clock=clock),
        routers=[auth.router, users.router, gateway.router],
        clock_router=clock_routes.router,
        seed=seed_demo,
        resources=gateway_client,
        idempotent_path=lambda path: path.startswith("/api/v1/users"),
    )
    app.state.signing_key = signing_key
    app.add_middleware(PathGuard)  # added last, so outermost: no route sees a path it has not checked
    return app
