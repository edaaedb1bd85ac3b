"""The routes every service carries beside its own: liveness, readiness, metrics, the waiting room of parked
events and the test clock."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel, Field
from sqlmodel import Session

from shared.daily import catch_up
from shared.db import database_is_reachable
from shared.deps import AdminDep, PrincipalDep, RuntimeDep
from shared.errors import Forbidden, Invalid
from shared.platform_clock import remember
from shared.runtime import Runtime
from shared.waiting_room import list_parked


class ClockSetting(BaseModel):
    now: datetime | None = Field(
        description="the instant every service reads from now on (with its UTC offset); null returns to real time",
        examples=["2026-12-01T09:00:00+01:00"],
    )


class ClockState(BaseModel):
    now: datetime
    frozen: bool


def operations_router() -> APIRouter:
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


def waiting_room_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1/admin", tags=["operations"])

    @router.get("/parked-events", summary="events of this service waiting for a prerequisite, oldest first (admin)")
    def get_parked_events(
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


def clock_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1/admin", tags=["operations"])

    @router.get("/clock", summary="the instant this service reads")
    def get_clock(runtime: RuntimeDep, principal: PrincipalDep) -> ClockState:
        return ClockState(now=runtime.clock.now(), frozen=runtime.clock.is_frozen)

    @router.put("/clock", summary="set the instant this service reads (embedded and test profiles only)")
    def set_clock(body: ClockSetting, runtime: RuntimeDep, admin: AdminDep) -> ClockState:
        set_clock_or_refuse(runtime, body.now)
        return ClockState(now=runtime.clock.now(), frozen=runtime.clock.is_frozen)

    return router


def set_clock_or_refuse(runtime: Runtime, instant: datetime | None) -> None:
    if not runtime.settings.clock_is_settable:
        raise Forbidden("the clock cannot be set in production", message_fr="l'horloge ne se règle pas en production")
    try:
        runtime.clock.set(instant)
    except ValueError as exc:
        raise Invalid(
            str(exc),
            field="now",
            message_fr="l'instant porte son décalage UTC, par exemple 2026-12-01T09:00:00+01:00",
        ) from exc
    remember(runtime.engine, runtime.clock.now() if runtime.clock.is_frozen else None)
    catch_up(runtime.clock)  # the day jobs of the new day have run when the answer comes
