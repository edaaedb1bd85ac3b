"""Portal application: identity, users, the platform clock, the case timeline and the gateway to the other
services."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

import httpx
from fastapi import FastAPI
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from shared.auth import SigningKey, TokenVerifier
from shared.clock import SettableClock
from shared.config import Profile
from shared.daily import running
from shared.fresh_reads import FreshReader, ServiceUnavailable, signed_service_token
from shared.revocations import Revocations
from shared.runtime import Runtime
from shared.web import create_service_app

from portal.config import Settings
from portal.domain.hashing import use_test_costs
from portal.errors import service_unavailable
from portal.handlers import HANDLERS, RUN_HANDLERS
from portal.identity.keys import load_signing_key, published_jwks
from portal.identity.withdrawals import revocation_document
from portal.routes import api_clients, auth, gateway, timeline, users, webhooks
from portal.routes import clock as clock_routes
from portal.routes.forwarding import forwarding_session, upstream_client
from portal.routes.gateway import PathGuard
from portal.routes.plain_upstream import UpstreamPool
from portal.routes.read_lane import ReadLane
from portal.seed import seed_demo, seed_service_clients
from portal.web import mount as mount_web
from portal.webhooks.delivery import webhook_worker


def _seed_service_clients(runtime: Runtime, secret: str) -> bool:
    try:
        with Session(runtime.engine) as session:
            seed_service_clients(session, secret=secret, now=runtime.clock.now())
            session.commit()
        return True
    except OperationalError:
        logging.getLogger(__name__).warning("service clients not seeded yet: the database is unreachable")
        return False


def _seed_service_clients_until_done(runtime: Runtime, secret: str) -> None:
    while not runtime.stop.wait(5.0):
        if _seed_service_clients(runtime, secret):
            return


def create_app(settings: Settings | None = None, *, clock: SettableClock | None = None) -> FastAPI:
    settings = settings or Settings()
    use_test_costs(settings.profile is Profile.TEST)
    signing_key = load_signing_key(settings)
    jwks = published_jwks(settings, signing_key)
    # The portal verifies its own tokens with the keys it publishes: no HTTP round trip to itself.
    # Its list of withdrawn accesses is read from its own database (`portal.identity.withdrawals`), once it runs.
    verifier = TokenVerifier(
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        jwks=jwks,
        revocations=Revocations(refresh_s=settings.revocations_refresh_s),
    )

    @asynccontextmanager
    async def http_clients(app: FastAPI, runtime: Runtime) -> AsyncIterator[None]:
        # Every profile, unlike the demo accounts: dunning and legal read intake with these clients' tokens. A
        # database that is down at start must not stop the portal (readiness says so): seeding is retried.
        if not _seed_service_clients(runtime, settings.service_client_secret):
            threading.Thread(
                target=_seed_service_clients_until_done,
                args=(runtime, settings.service_client_secret),
                name="portal-service-clients",
                daemon=True,
            ).start()
        runtime.verifier.revocations.fetch_with(lambda: revocation_document(runtime.engine, settings.token_lifetime_s))
        runtime.start_revocations()
        logging.getLogger("httpx").setLevel(logging.WARNING)  # a line per forwarded request: noise, and CPU
        async with AsyncExitStack() as clients:
            app.state.gateway_clients = {
                service: await clients.enter_async_context(upstream_client(settings))
                for service in settings.service_urls
            }
            app.state.forwarders = {
                service: await clients.enter_async_context(forwarding_session(settings))
                for service in settings.service_urls
            }
            app.state.lanes = _lanes(settings)
            for pool in app.state.lanes.values():
                clients.callback(pool.close)
            with httpx.Client(timeout=settings.fresh_read_timeout_s) as fresh_client:
                app.state.intake_reader = _fresh_reader("intake", settings, fresh_client, signing_key)
                app.state.legal_reader = _fresh_reader("legal", settings, fresh_client, signing_key)
                async with running([webhook_worker(runtime)] if settings.run_workers else []):
                    yield

    app = create_service_app(
        title="Recouvra portal",
        description="Identity, users and the single public entry point of the Recouvra platform.",
        runtime_factory=lambda: Runtime.build(
            settings, handlers=HANDLERS, run_handlers=RUN_HANDLERS, verifier=verifier, clock=clock
        ),
        # the gateway's catch-all last
        routers=[
            auth.router,
            users.router,
            users.me,
            api_clients.router,
            webhooks.router,
            timeline.router,
            gateway.router,
        ],
        clock_router=clock_routes.router,
        seed=seed_demo,
        resources=http_clients,
        idempotent_path=lambda path: path.startswith(("/api/v1/users", "/api/v1/auth/password")),
        inner_middleware=[gateway.Forwarder],
    )
    app.state.signing_key = signing_key
    app.state.jwks = jwks
    app.state.intake_reader = app.state.legal_reader = None
    app.state.lanes = {}
    app.add_exception_handler(ServiceUnavailable, service_unavailable)
    mount_web(app, settings, signing_key)  # the web pages: none of their paths is under /api/v1
    app.add_middleware(PathGuard)  # no route sees a path it has not checked
    app.add_middleware(ReadLane)  # outermost: a plain read goes on before anything else (it checks its path)
    return app


def _lanes(settings: Settings) -> dict[str, UpstreamPool]:
    """The read lane's connections to each service at a plain http:// address (`portal.routes.read_lane`)."""
    pools = {
        service: UpstreamPool.of(
            url,
            limit=settings.gateway_max_connections,
            connect_timeout_s=min(settings.gateway_connect_timeout_s, settings.gateway_pool_timeout_s),
            keepalive_s=settings.gateway_keepalive_s,
        )
        for service, url in settings.service_urls.items()
    }
    return {service: pool for service, pool in pools.items() if pool is not None}


def _fresh_reader(
    service: str, settings: Settings, client: httpx.Client, signing_key: SigningKey
) -> FreshReader | None:
    """None where no URL is configured for `service`: for intake, the creditor directory is then the only source;
    for legal, no bailiff firm can be confirmed (an API client is refused 503)."""
    base_url = settings.service_urls.get(service)
    if not base_url:
        return None
    token = signed_service_token(
        signing_key, issuer=settings.jwt_issuer, audience=settings.jwt_audience, subject=settings.service_name
    )
    return FreshReader(
        service=service,
        base_url=base_url,
        client=client,
        token=token,
        timeout_s=settings.fresh_read_timeout_s,
        retry_after_s=settings.fresh_read_retry_after_s,
    )
