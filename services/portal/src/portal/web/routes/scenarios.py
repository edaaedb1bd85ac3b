"""The scenario editor of the back-office: the dunning scenarios (read by staff, saved by supervisors: dunning's
API decides), one scenario's steps as a form, and the test mode: what dunning would send for a case, when and with
which text, without sending anything (dunning's preview)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from portal.web import csrf
from portal.web.deps import StaffDep, UpstreamDep, known_id
from portal.web.errors import PageError
from portal.web.rendering import render
from portal.web.scenario_form import (
    ANCHORS,
    CHANNELS,
    KINDS,
    SCENARIO_CODE,
    scenario_body,
    step_rows,
    submitted_rows,
)
from portal.web.upstream import Refusal, Upstream

router = APIRouter(include_in_schema=False)


def _code(code: str) -> str:
    if not SCENARIO_CODE.match(code):
        raise PageError(404, "error.not_found")
    return code


@router.get("/back-office/scenarios")
async def scenarios(
    request: Request, viewer: StaffDep, upstream: UpstreamDep, code: Annotated[str, Query(max_length=80)] = ""
) -> Response:
    if code:  # the form "new scenario": its editor, blank
        return RedirectResponse(f"/back-office/scenarios/{_code(code.strip())}", status_code=303)
    listing = await upstream.read("dunning", "/api/v1/dunning/scenarios")
    return render(request, "back_office/scenarios.html", {"listing": listing})


@router.get("/back-office/scenarios/{code}")
async def scenario(
    request: Request,
    code: str,
    viewer: StaffDep,
    upstream: UpstreamDep,
    did: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    found = await upstream.read_or_none("dunning", f"/api/v1/dunning/scenarios/{_code(code)}")
    values = found or {"code": code, "name": "", "exhaust_after_days": 15, "steps": [], "version": None}
    return _editor(request, code, values, step_rows(values["steps"]), saved=did == "saved")


def _editor(
    request: Request,
    code: str,
    values: dict[str, Any],
    rows: list[dict[str, str]],
    *,
    saved: bool = False,
    refusal: Refusal | None = None,
) -> Response:
    context = {
        "code": code,
        "scenario": values,
        "rows": rows,
        "channels": CHANNELS,
        "anchors": ANCHORS,
        "kinds": KINDS,
        "saved": saved,
        "refusal": refusal,
    }
    return render(request, "back_office/scenario.html", context, status=refusal.status if refusal else 200)


@router.post("/back-office/scenarios/{code}")
async def save_scenario(request: Request, code: str, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    submitted = await request.form(max_files=0, max_fields=400)
    csrf.check(request, str(submitted.get("csrf") or ""))
    form = {key: str(value).strip()[:2000] for key, value in submitted.items() if isinstance(value, str)}
    body = scenario_body(form)
    path = f"/api/v1/dunning/scenarios/{_code(code)}"
    _, refusal = await upstream.submit("dunning", "PUT", path, json=body)
    if refusal is not None:
        values = {**body, "code": code, "version": form.get("version") or None}  # None: a new scenario
        return _editor(request, code, values, submitted_rows(form), refusal=refusal)
    return RedirectResponse(f"/back-office/scenarios/{code}?did=saved", status_code=303)


@router.get("/back-office/preview")
async def preview(
    request: Request,
    viewer: StaffDep,
    upstream: UpstreamDep,
    reference: Annotated[str, Query(max_length=80)] = "",
    case_id: Annotated[str, Query(max_length=64)] = "",
) -> Response:
    """Test mode for one case, named by its reference (the form) or its id (a link from the case page)."""
    case, found = await _case(upstream, reference.strip(), case_id)
    shown = case["reference"] if case is not None else reference.strip()
    context = {"reference": shown, "case": case, "preview": found}
    status = 404 if reference.strip() and case is None else 200
    return render(request, "back_office/preview.html", context, status=status)


async def _case(upstream: Upstream, reference: str, case_id: str) -> tuple[Any, Any]:
    if case_id:
        case = await upstream.read("intake", f"/api/v1/cases/{known_id(case_id)}")
    elif reference:
        listing = await upstream.read("intake", "/api/v1/cases", {"reference": reference, "limit": 2})
        case = listing["items"][0] if listing["total"] == 1 else None
    else:
        return None, None
    if case is None:
        return None, None
    return case, await upstream.read_or_none("dunning", f"/api/v1/dunning/cases/{case['id']}/preview")
