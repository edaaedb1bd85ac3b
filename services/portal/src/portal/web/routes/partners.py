"""The agency's partners, over legal's API: bailiff firms, credit insurers and factors. Supervisors register an
insurer or a factor and set one aside (no new policy or contract may name it) or back; legal decides who may."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from portal.web import csrf
from portal.web.deps import StaffDep, UpstreamDep, known_id
from portal.web.rendering import render
from portal.web.upstream import Refusal, Upstream

router = APIRouter(include_in_schema=False)
KINDS = ("bailiff", "insurer", "factor")
REGISTERED = ("insurer", "factor")  # bailiff firms come with their missions' integration, not from this form


async def _form(request: Request) -> dict[str, str]:
    submitted = await request.form(max_files=0, max_fields=10)
    csrf.check(request, str(submitted.get("csrf") or ""))
    return {key: str(value).strip()[:300] for key, value in submitted.items() if isinstance(value, str)}


@router.get("/back-office/partners")
async def partners(
    request: Request, viewer: StaffDep, upstream: UpstreamDep, did: Annotated[str, Query(max_length=20)] = ""
) -> Response:
    return await _page(request, upstream, done=did)


async def _page(
    request: Request, upstream: Upstream, *, done: str = "", refusal: Refusal | None = None, name: str = ""
) -> Response:
    listing = await upstream.read("legal", "/api/v1/legal/partners", {"limit": 200})
    by_kind = {kind: [item for item in listing["items"] if item["kind"] == kind] for kind in KINDS}
    context = {"by_kind": by_kind, "kinds": KINDS, "registered": REGISTERED, "done": done, "refusal": refusal}
    context["name"] = name
    return render(request, "back_office/partners.html", context, status=refusal.status if refusal else 200)


@router.post("/back-office/partners")
async def register_partner(request: Request, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    form = await _form(request)
    kind = form.get("kind") if form.get("kind") in REGISTERED else REGISTERED[0]
    body = {"kind": kind, "name": form.get("name", "")}
    _, refusal = await upstream.submit("legal", "POST", "/api/v1/legal/partners", json=body)
    if refusal is not None:
        return await _page(request, upstream, refusal=refusal, name=form.get("name", ""))
    return RedirectResponse("/back-office/partners?did=registered", status_code=303)


@router.post("/back-office/partners/{partner_id}/active")
async def set_aside(request: Request, partner_id: str, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    form = await _form(request)
    active = form.get("active") == "true"
    path = f"/api/v1/legal/partners/{known_id(partner_id)}"
    _, refusal = await upstream.submit("legal", "PATCH", path, json={"active": active})
    if refusal is not None:
        return await _page(request, upstream, refusal=refusal)
    return RedirectResponse(f"/back-office/partners?did={'restored' if active else 'set_aside'}", status_code=303)
