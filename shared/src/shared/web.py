"""The FastAPI application every service is built on: lifespan, request ids, JSON logs, error mapping,
health, readiness, metrics and the test clock."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request, Response, status
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from pydantic import BaseModel, Field
from sqlalchemy.exc import TimeoutError as PoolExhausted
from sqlmodel import Session, col, func, select

from shared.admission import AdmissionLimit, AdmissionLimits, overloaded_response
from shared.db import database_is_reachable
from shared.deps import AdminDep, PrincipalDep, RuntimeDep
from shared.errors import DomainError
from shared.i18n import negotiate
from shared.idempotency import IdempotencyMiddleware
from shared.logs import REQUEST_ID_HEADER, configure_logging, request_id_var
from shared.openapi import document_responses
from shared.outbox import OutboxMessage
from shared.runtime import Runtime
from shared.validation_errors import plain_errors
from shared.waiting_room import count_parked, list_parked

log = logging.getLogger(__name__)

RuntimeFactory = Callable[[], Runtime]
Seeder = Callable[[Session, Runtime], None]


class ClockSetting(BaseModel):
    now: datetime | None = Field(
        description="the instant every service reads from now on (with its UTC offset); null returns to real time",
        examples=["2026-12-01T09:00:00+01:00"],
    )


class ClockState(BaseModel):
    now: datetime
    frozen: bool


def create_service_app(
    *,
    title: str,
    runtime_factory: RuntimeFactory,
    routers: Sequence[APIRouter] = (),
    seed: Seeder | None = None,
    clock_router: APIRouter | None = None,
    description: str = "",
    resources: Callable[[FastAPI, Runtime], AbstractAsyncContextManager[None]] | None = None,
    idempotent_path: Callable[[str], bool] = lambda path: path.startswith("/api/"),
) -> FastAPI:
    """`resources` opens what a service needs beside the runtime for the app's life (an HTTP client pool).
    `idempotent_path` tells which POST paths honour `Idempotency-Key` (the portal leaves forwarded paths
    to the service that owns them)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = runtime_factory()
        configure_logging(runtime.settings.service_name, runtime.settings.log_level)
        app.state.runtime = runtime
        _install_metrics(app, runtime)
        if runtime.settings.seed_demo and seed is not None:
            with Session(runtime.engine, expire_on_commit=False) as session:
                seed(session, runtime)
                session.commit()
        if runtime.settings.run_workers:
            runtime.start_workers()
        log.info("%s ready", runtime.settings.service_name)
        try:
            if resources is None:
                yield
            else:
                async with resources(app, runtime):
                    yield
        finally:
            runtime.shutdown()

    app = FastAPI(title=title, description=description, lifespan=lifespan, version="0.1.0")
    app.state.metrics = None
    app.state.idempotent_path = idempotent_path
    _install_middleware(app)
    _install_error_handlers(app)
    app.include_router(_operations_router())
    app.include_router(clock_router or _clock_router())
    app.include_router(_waiting_room_router())
    for router in routers:
        app.include_router(router)
    document_responses(app)
    return app


def _install_middleware(app: FastAPI) -> None:
    app.add_middleware(IdempotencyMiddleware)  # inside the request context below: added first

    @app.middleware("http")
    async def request_context(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        request_id = request.headers.get(REQUEST_ID_HEADER) or uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            try:
                response: Response = await call_next(request)
            except PoolExhausted:  # raised outside the routes (the idempotency records): the handler cannot see it
                response = _pool_exhausted(request)
            except Exception:
                # Answered here rather than by the app-level handler, which runs outside this middleware:
                # the log line and the reply must still carry the request id, and the 500 must be counted.
                response = _unexpected_error(request)
        finally:
            request_id_var.reset(token)
        elapsed = time.perf_counter() - started
        response.headers[REQUEST_ID_HEADER] = request_id
        metrics = app.state.metrics
        route = request.scope.get("route")
        path = getattr(route, "path", "unmatched")
        if metrics is not None:
            metrics["requests"].labels(request.method, path, str(response.status_code)).inc()
            metrics["latency"].labels(request.method, path).observe(elapsed)
        return response

    # Outermost (added last): a request turned away costs next to nothing, no request context nor task group,
    # so that a flood of them leaves the process to the requests it works on. The idempotency records inside.
    app.add_middleware(AdmissionLimit, limits=lambda: AdmissionLimits.of(app.state.runtime.settings))


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def domain_error(request: Request, exc: DomainError) -> JSONResponse:
        """French unless the client prefers English; an error without a French text answers in English. The field
        the error is about, when it is about one, is named apart (`field`) for a form to point at it."""
        named = {"field": exc.field} if exc.field else {}
        if exc.message_fr is None:
            return JSONResponse(
                {"detail": exc.message, "detail_en": exc.message, **named},
                status_code=exc.status_code,
                headers={"Content-Language": "en"},
            )
        language = negotiate(request.headers.get("accept-language"))
        detail = exc.message_fr if language == "fr" else exc.message
        return JSONResponse(
            {"detail": detail, "detail_en": exc.message, "detail_fr": exc.message_fr, **named},
            status_code=exc.status_code,
            headers={"Content-Language": language, "Vary": "Accept-Language"},
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        """English clients get FastAPI's own list; French ones a plain message per error, with the English beside."""
        if negotiate(request.headers.get("accept-language")) == "en":
            response = await request_validation_exception_handler(request, exc)
            response.headers["Content-Language"] = "en"
            response.headers["Vary"] = "Accept-Language"
            return response
        errors = exc.errors()
        return JSONResponse(
            {"detail": plain_errors(errors, language="fr"), "detail_en": plain_errors(errors, language="en")},
            status_code=422,
            headers={"Content-Language": "fr", "Vary": "Accept-Language"},
        )

    @app.exception_handler(PoolExhausted)
    async def pool_exhausted(request: Request, exc: PoolExhausted) -> JSONResponse:
        return _pool_exhausted(request)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        return _unexpected_error(request)


def _pool_exhausted(request: Request) -> JSONResponse:
    """No database connection came free within the pool's short wait: overload, answered like the admission
    limit's (the limit keeps requests in flight below the pool, so this is the backstop), never a 500."""
    log.warning("no database connection free for %s %s: answered 503", request.method, request.url.path)
    retry_after_s = request.app.state.runtime.settings.overload_retry_after_s
    return overloaded_response(request.headers.get("accept-language"), retry_after_s=retry_after_s)


def _unexpected_error(request: Request) -> JSONResponse:
    """Call from an `except` block, while the request id is still set."""
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return JSONResponse(
        {
            "detail": f"an unexpected error occurred; nothing was changed. Quote request id {request_id_var.get()} "
            "to support."
        },
        status_code=500,
    )


def _install_metrics(app: FastAPI, runtime: Runtime) -> None:
    registry = CollectorRegistry()
    metrics = {
        "registry": registry,
        "requests": Counter("http_requests", "HTTP requests", ["method", "route", "status"], registry=registry),
        "latency": Histogram(
            "http_request_duration_seconds", "HTTP request latency", ["method", "route"], registry=registry
        ),
    }
    backlog = Gauge("outbox_unpublished_events", "outbox rows not yet published to the broker", registry=registry)

    def count_backlog() -> float:
        try:
            with Session(runtime.worker_engine) as session:
                return float(
                    session.exec(
                        select(func.count()).select_from(OutboxMessage).where(col(OutboxMessage.published_at).is_(None))
                    ).one()
                )
        except Exception:
            return float("nan")

    backlog.set_function(count_backlog)
    waiting = Gauge("events_parked", "events waiting in the waiting room for a prerequisite", registry=registry)

    def count_waiting() -> float:
        try:
            with Session(runtime.worker_engine) as session:
                return float(count_parked(session))
        except Exception:
            return float("nan")

    waiting.set_function(count_waiting)
    app.state.metrics = metrics


def _operations_router() -> APIRouter:
    router = APIRouter(tags=["operations"])

    @router.get("/healthz", summary="liveness")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz", summary="readiness: database and broker reachable")
    def readyz(runtime: RuntimeDep, response: Response) -> dict[str, object]:
        # The workers' pool: a saturated API pool is overload (answered 503 by the API), not unreadiness.
        checks = {"database": database_is_reachable(runtime.worker_engine), "broker": runtime.broker_is_reachable()}
        ready = all(checks.values())
        if not ready:
            response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
        return {"status": "ready" if ready else "not ready", "checks": checks}

    @router.get("/metrics", summary="Prometheus metrics", response_class=Response)
    def metrics(request: Request) -> Response:
        registry = request.app.state.metrics["registry"]
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    return router


class ParkedEventPublic(BaseModel):
    event_id: str
    event_type: str
    topic: str
    key: str | None
    awaiting: str = Field(description="the id of the record the event waits for, or `behind:<event id>`")
    reason: str
    attempts: int
    parked_at: datetime
    last_tried_at: datetime


class ParkedEventPage(BaseModel):
    items: list[ParkedEventPublic]
    total: int


def _waiting_room_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1/admin", tags=["operations"])

    @router.get("/parked-events", summary="events of this service waiting for a prerequisite, oldest first (admin)")
    def read_parked_events(
        runtime: RuntimeDep,
        admin: AdminDep,
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
        limit: Annotated[int, Query(ge=1, le=200)] = 50,
    ) -> ParkedEventPage:
        with Session(runtime.engine) as session:
            items, total = list_parked(session, offset=offset, limit=limit)
        return ParkedEventPage(
            items=[ParkedEventPublic.model_validate(i, from_attributes=True) for i in items], total=total
        )

    return router


def _clock_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1/admin", tags=["operations"])

    @router.get("/clock", summary="the instant this service reads")
    def read_clock(runtime: RuntimeDep, principal: PrincipalDep) -> ClockState:
        return ClockState(now=runtime.clock.now(), frozen=runtime.clock.is_frozen)

    @router.put("/clock", summary="set the instant this service reads (embedded and test profiles only)")
    def set_clock(body: ClockSetting, runtime: RuntimeDep, admin: AdminDep) -> ClockState:
        set_clock_or_refuse(runtime, body.now)
        return ClockState(now=runtime.clock.now(), frozen=runtime.clock.is_frozen)

    return router


def set_clock_or_refuse(runtime: Runtime, instant: datetime | None) -> None:
    if not runtime.settings.clock_is_settable:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "the clock cannot be set in production")
    try:
        runtime.clock.set(instant)
    except ValueError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from exc
