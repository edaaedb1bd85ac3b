"""The champion and challenger experiments of the back-office, over dunning's API: staff read each experiment and how
its arms do (per arm and currency, and whether the gap is claimed); a supervisor or an admin starts one (a share of
the champion scenario's new cases follow the challenger) and stops it. Dunning decides who may; the portal shows the
forms only to those it would let, and refuses the others' posts without asking it."""

from __future__ import annotations

import math
from collections.abc import Awaitable
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from portal.web import csrf
from portal.web.deps import StaffDep, UpstreamDep, known_id
from portal.web.errors import PageError
from portal.web.language import page_language
from portal.web.rendering import render
from portal.web.sessions import WebSession
from portal.web.upstream import Refusal, Upstream

router = APIRouter(include_in_schema=False)
PAGE = 20
RUNNERS = ("supervisor", "admin")  # dunning's SupervisorDep: who starts and stops an experiment
FIELDS = ("name", "champion", "challenger", "share", "creditor_id")
BLANK = {"name": "", "champion": "", "challenger": "", "share": "10", "creditor_id": ""}


def may_run(viewer: WebSession) -> bool:
    return viewer.role in RUNNERS


async def _form(request: Request, viewer: WebSession) -> dict[str, str]:
    """The form's fields, once its token is checked; a visitor dunning would refuse is refused here."""
    submitted = await request.form(max_files=0, max_fields=10)
    csrf.check(request, str(submitted.get("csrf") or ""))
    if not may_run(viewer):
        raise PageError(403, "error.forbidden")
    return {key: str(value).strip()[:300] for key, value in submitted.items() if isinstance(value, str)}


@router.get("/back-office/experiments")
async def experiments(
    request: Request,
    viewer: StaffDep,
    upstream: UpstreamDep,
    page: Annotated[int, Query(ge=1, le=5_000)] = 1,
    did: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    return await _page(request, viewer, upstream, page=page, done=did)


@router.post("/back-office/experiments")
async def start_experiment(request: Request, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    form = await _form(request, viewer)
    body = experiment_body(form)
    _, refusal = await upstream.submit("dunning", "POST", "/api/v1/dunning/experiments", json=body)
    if refusal is not None:
        values = {field: form.get(field, "") for field in FIELDS}
        return await _page(request, viewer, upstream, values=values, refusal=refusal)
    return RedirectResponse("/back-office/experiments?did=started", status_code=303)


@router.post("/back-office/experiments/{experiment_id}/stop")
async def stop_experiment(request: Request, experiment_id: str, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    await _form(request, viewer)
    path = f"/api/v1/dunning/experiments/{known_id(experiment_id)}/stop"
    _, refusal = await upstream.submit("dunning", "POST", path)
    if refusal is not None:
        return await _page(request, viewer, upstream, refusal=refusal)
    return RedirectResponse("/back-office/experiments?did=stopped", status_code=303)


def experiment_body(form: dict[str, str]) -> dict[str, Any]:
    """Dunning's body: the share a number when it is one (else as typed, for dunning to refuse in its words)."""
    share = form.get("share", "")
    return {
        "name": form.get("name", ""),
        "champion": form.get("champion", ""),
        "challenger": form.get("challenger", ""),
        "share": int(share) if share.isdigit() else share,
        "creditor_id": form.get("creditor_id") or None,
    }


async def _optional(read: Awaitable[Any]) -> Any:
    """A part of the page the rest works without: None when its service cannot answer."""
    try:
        return await read
    except PageError:
        return None


async def _page(
    request: Request,
    viewer: WebSession,
    upstream: Upstream,
    *,
    page: int = 1,
    done: str = "",
    values: dict[str, str] | None = None,
    refusal: Refusal | None = None,
) -> Response:
    params = {"offset": (page - 1) * PAGE, "limit": PAGE}
    listing = await _optional(upstream.read("dunning", "/api/v1/dunning/experiments", params))
    runner = may_run(viewer) and listing is not None
    scenarios = await _optional(upstream.read("dunning", "/api/v1/dunning/scenarios")) if runner else None
    creditors = await _optional(upstream.read("intake", "/api/v1/creditors", {"limit": 200}))
    known = creditors["items"] if creditors else []
    language = page_language(request)

    def percent(value: object) -> str:  # "12.5" -> "12,5 %" / "12.5%"
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return "—"
        return f"{str(number).replace('.', ',')}\u00a0%" if language == "fr" else f"{number}%"

    context = {
        "listing": listing,
        "page": page,
        "pages": max(1, math.ceil(listing["total"] / PAGE)) if listing else 1,
        "done": done,
        "refusal": refusal,
        "may_run": runner,
        "scenarios": scenarios["items"] if scenarios else None,
        "creditors": known,
        "creditor_names": {item["id"]: item["name"] for item in known},
        "values": values or BLANK,
        "percent": percent,
    }
    status = refusal.status if refusal else 200 if listing is not None else 503
    return render(request, "back_office/experiments.html", context, status=status)
