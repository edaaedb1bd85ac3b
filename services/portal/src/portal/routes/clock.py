"""`PUT /api/v1/admin/clock` on the portal sets its own clock, then every other service's, so that the
whole platform reads the same instant from then on."""

from __future__ import annotations

import httpx
from fastapi import APIRouter, Request

from shared.deps import AdminDep, PrincipalDep, RuntimeDep
from shared.operations_routes import ClockSetting, ClockState, set_clock_or_refuse

from portal.errors import ClockNotFollowed

router = APIRouter(prefix="/api/v1/admin", tags=["operations"])


@router.get("/clock", summary="the instant the platform reads")
def get_clock(runtime: RuntimeDep, principal: PrincipalDep) -> ClockState:
    return ClockState(now=runtime.clock.now(), frozen=runtime.clock.is_frozen)


@router.put("/clock", summary="set the instant every service reads (embedded and test profiles only)")
def set_platform_clock(body: ClockSetting, request: Request, runtime: RuntimeDep, admin: AdminDep) -> ClockState:
    set_clock_or_refuse(runtime, body.now)
    failures = []
    headers = {"Authorization": request.headers["authorization"]}
    payload = {"now": body.now.isoformat() if body.now else None}
    for name, url in runtime.settings.service_urls.items():
        if name == runtime.settings.service_name:
            continue
        try:
            # a service answers once its day jobs have run for the new day (rescoring every open case takes a while)
            response = httpx.put(f"{url}/api/v1/admin/clock", json=payload, headers=headers, timeout=120.0)
            if response.status_code != 200:
                failures.append(f"{name} answered {response.status_code}")
        except httpx.HTTPError as exc:
            failures.append(f"{name} is unreachable ({exc.__class__.__name__})")
    if failures:
        raise ClockNotFollowed(failures)
    return ClockState(now=runtime.clock.now(), frozen=runtime.clock.is_frozen)
