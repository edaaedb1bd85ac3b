"""The scoring models, over scoring's API: every scorecard fitted on the agency's own outcomes, how well it ranked
the cases held out of its training, whether it is in use and why, and the expert scorecard used while none is. An
admin retrains from here; scoring decides who may (an agent or a supervisor reads)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from portal.web import csrf
from portal.web.deps import StaffDep, UpstreamDep
from portal.web.language import page_language
from portal.web.rendering import render
from portal.web.sessions import current_session
from portal.web.upstream import Refusal, Upstream

router = APIRouter(include_in_schema=False)


@router.get("/back-office/models")
async def models(
    request: Request,
    viewer: StaffDep,
    upstream: UpstreamDep,
    did: Annotated[str, Query(max_length=20)] = "",
    count: Annotated[int, Query(ge=0, le=100_000_000)] = 0,
) -> Response:
    return await _page(request, upstream, done=did, count=count)


@router.post("/back-office/models/retrain")
async def retrain(request: Request, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    submitted = await request.form(max_files=0, max_fields=5)
    csrf.check(request, str(submitted.get("csrf") or ""))
    model, refusal = await upstream.submit("scoring", "POST", "/api/v1/scoring/models/retrain")
    if refusal is not None:
        return await _page(request, upstream, refusal=refusal)
    return RedirectResponse(f"/back-office/models?did={'activated' if model['active'] else 'kept'}", status_code=303)


@router.post("/back-office/models/rescore")
async def rescore(request: Request, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    """Every debtor with an open case scored again now, with the model in use (scoring lets an admin do it)."""
    submitted = await request.form(max_files=0, max_fields=5)
    csrf.check(request, str(submitted.get("csrf") or ""))
    done, refusal = await upstream.submit("scoring", "POST", "/api/v1/scoring/rescore")
    if refusal is not None:
        return await _page(request, upstream, refusal=refusal)
    return RedirectResponse(f"/back-office/models?did=rescored&count={int(done['debtors'])}", status_code=303)


async def _page(
    request: Request, upstream: Upstream, *, done: str = "", count: int = 0, refusal: Refusal | None = None
) -> Response:
    listing = await upstream.read("scoring", "/api/v1/scoring/models")
    french = page_language(request) == "fr"
    context: dict[str, Any] = {
        "listing": listing,
        "admin": getattr(current_session(request), "role", "") == "admin",
        "done": done,
        "count": count,
        "refusal": refusal,
        "ratio": lambda value: f"{value:.2f}".replace(".", ",") if french else f"{value:.2f}",
    }
    return render(request, "back_office/models.html", context, status=refusal.status if refusal else 200)
