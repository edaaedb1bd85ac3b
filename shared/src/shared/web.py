"""The FastAPI application every service is built on: lifespan, request ids, JSON logs and metrics; the error
mapping is in `shared.web_errors`, the operations routes (health, readiness, waiting room, clock) in
`shared.operations_routes`."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Callable, Collection, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from fastapi import APIRouter, FastAPI
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from sqlmodel import Session, col, func, select
from starlette.types import ASGIApp

from shared.admission import AdmissionLimit, AdmissionLimits
from shared.async_reads import read_connections
from shared.idempotency import IdempotencyMiddleware
from shared.kept_answers import MIB, KeptAnswersMetrics, resize_all
from shared.lane_reads import LaneReads
from shared.logs import configure_logging
from shared.openapi import document_responses
from shared.operations_routes import clock_router as default_clock_router
from shared.operations_routes import operations_router, waiting_room_router
from shared.outbox import OutboxMessage
from shared.platform_clock import restore as restore_clock
from shared.request_context import RequestContext
from shared.runtime import Runtime
from shared.waiting_room import count_parked
from shared.web_errors import install_error_handlers

log = logging.getLogger(__name__)

RuntimeFactory = Callable[[], Runtime]
Seeder = Callable[[Session, Runtime], None]


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
    repeatable_posts: Collection[str] = (),
    inner_middleware: Sequence[Callable[[ASGIApp], ASGIApp]] = (),
    lane_paths: Collection[str] = (),
) -> FastAPI:
    """`resources` opens what a service needs beside the runtime for the app's life (an HTTP client pool).
    `idempotent_path` tells which POST paths honour `Idempotency-Key` (the portal leaves forwarded paths
    to the service that owns them); `repeatable_posts` are left out of it, being safe to repeat by construction
    (see `shared.idempotency`): their retry does the work again. `inner_middleware` (pure ASGI classes) run inside
    the kernel's, after the admission limit, the request context and the idempotency records, before the routes.
    `lane_paths` are GET routes answered ahead of the framework when the request is plainly well formed
    (`shared.lane_reads`)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = runtime_factory()
        configure_logging(runtime.settings.service_name, runtime.settings.log_level)
        app.state.runtime = runtime
        _install_metrics(app, runtime)
        resize_all(runtime.settings.kept_answers_mb * MIB)
        if runtime.settings.clock_is_settable and not runtime.clock_given:
            restore_clock(runtime.engine, runtime.clock)
        if runtime.settings.seed_demo and seed is not None:
            with Session(runtime.engine, expire_on_commit=False) as session:
                seed(session, runtime)
                session.commit()
        runtime.start_revocations()
        if runtime.settings.run_workers:
            runtime.start_workers()
        settings = runtime.settings
        runtime.reads = read_connections(
            runtime.engine,
            limit=settings.db_pool_size,
            wait_s=settings.db_pool_timeout_s,
            name=f"{settings.service_name}-reads",
        )
        _freeze_heap()
        log.info("%s ready", runtime.settings.service_name)
        try:
            if resources is None:
                yield
            else:
                async with resources(app, runtime):
                    yield
        finally:
            await runtime.reads.close()
            runtime.shutdown()
            gc.unfreeze()

    app = FastAPI(title=title, description=description, lifespan=lifespan, version="0.1.0")
    app.state.metrics = None
    repeatable = frozenset(repeatable_posts)
    app.state.idempotent_path = lambda path: idempotent_path(path) and path not in repeatable
    for middleware in inner_middleware:
        app.add_middleware(middleware)
    _install_middleware(app)
    if lane_paths:
        app.add_middleware(LaneReads, paths=lane_paths)  # outermost: ahead of the admission limit, which it keeps
    install_error_handlers(app)
    app.include_router(operations_router())
    app.include_router(clock_router or default_clock_router())
    app.include_router(waiting_room_router())
    for router in routers:
        app.include_router(router)
    document_responses(app)
    return app


def _install_middleware(app: FastAPI) -> None:
    app.add_middleware(IdempotencyMiddleware)  # inside the request context below: added first

    app.add_middleware(RequestContext)  # request id, metrics, last-resort answers; outside the idempotency records

    # Outermost (added last): a request turned away costs next to nothing, no request context nor task group,
    # so that a flood of them leaves the process to the requests it works on. The idempotency records inside.
    app.add_middleware(AdmissionLimit, limits=lambda: AdmissionLimits.of(app.state.runtime.settings))


def _install_metrics(app: FastAPI, runtime: Runtime) -> None:
    registry = CollectorRegistry()
    metrics = {
        "registry": registry,
        "requests": Counter("http_requests", "HTTP requests", ["method", "route", "status"], registry=registry),
        "latency": Histogram(
            "http_request_duration_seconds", "HTTP request latency", ["method", "route"], registry=registry
        ),
        "lane": Counter(
            "lane_reads", "requests answered ahead of the framework (shared.lane_reads)", ["route"], registry=registry
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
    registry.register(KeptAnswersMetrics())
    app.state.metrics = metrics


def _freeze_heap() -> None:
    """What the service holds once started (modules, classes, schemas, its runtime) lives as long as it does: it is
    left out of the garbage collector's later passes. Each full pass walked it all, and held the whole process still
    for 150 to 460 ms in every service (issue 17: that pause was the pipeline's p99 at 100 cases a second). No
    collection first: the little garbage starting leaves is kept, and starting an app in a test costs nothing more.
    Shutting down gives it back to the collector (several apps start and stop in one test process)."""
    gc.freeze()
