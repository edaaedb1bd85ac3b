"""The agency's partners, over legal's API: bailiff firms, credit insurers and factors. Supervisors register an
insurer or a factor and set one aside (no new policy or contract may name it) or back; legal decides who may. An
admin registers a bailiff firm: legal's partner, then its API client in the portal, whose secret the answer shows
once (the portal keeps only its hash)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from portal.web import csrf
from portal.web.deps import StaffDep, UpstreamDep, known_id
from portal.web.errors import PageError
from portal.web.rendering import render
from portal.web.sessions import current_session
from portal.web.upstream import Refusal, Upstream

router = APIRouter(include_in_schema=False)
CLIENT_ID = re.compile(r"[a-z0-9-]{1,60}")
KINDS = ("bailiff", "insurer", "factor")
REGISTERED = ("insurer", "factor")  # the general form's kinds; a bailiff firm has its own form (its API client)


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
    request: Request,
    upstream: Upstream,
    *,
    done: str = "",
    refusal: Refusal | None = None,
    name: str = "",
    firm_name: str = "",
    credentials: dict[str, Any] | None = None,
) -> Response:
    listing = await upstream.read("legal", "/api/v1/legal/partners", {"limit": 200})
    by_kind = {kind: [item for item in listing["items"] if item["kind"] == kind] for kind in KINDS}
    admin = getattr(current_session(request), "role", "") == "admin"
    clients: dict[str, list[str]] = {}
    if admin:  # only admins may read the API clients
        for client in (await upstream.read("portal", "/api/v1/api-clients", {"limit": 200}))["items"]:
            if client["active"] and client["partner_id"]:
                clients.setdefault(client["partner_id"], []).append(client["client_id"])
    context: dict[str, Any] = {"by_kind": by_kind, "kinds": KINDS, "registered": REGISTERED, "done": done}
    context |= {
        "refusal": refusal,
        "name": name,
        "firm_name": firm_name,
        "admin": admin,
        "clients": clients,
        "credentials": credentials,
    }
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


@router.post("/back-office/partners/bailiff-firms")
async def register_bailiff_firm(request: Request, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    """Legal's partner (kind bailiff), then its API client; the answer itself shows the secret, never stored."""
    form = await _form(request)
    name = form.get("firm_name", "")
    body = {"kind": "bailiff", "name": name}
    firm, refusal = await upstream.submit("legal", "POST", "/api/v1/legal/partners", json=body)
    if refusal is not None:
        return await _page(request, upstream, refusal=refusal, firm_name=name)
    return await _new_client(request, upstream, firm, firm_name=name)


@router.post("/back-office/partners/{partner_id}/api-client")
async def new_api_client(request: Request, partner_id: str, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    """A new API client for a firm registered before (its client was not created, or its secret was lost)."""
    await _form(request)
    firm = await upstream.read("legal", f"/api/v1/legal/partners/{known_id(partner_id)}")
    return await _new_client(request, upstream, firm)


@router.post("/back-office/partners/api-clients/{client_id}/deactivate")
async def deactivate_client(request: Request, client_id: str, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    await _form(request)
    if not CLIENT_ID.fullmatch(client_id):
        raise PageError(404, "error.not_found")
    _, refusal = await upstream.submit("portal", "POST", f"/api/v1/api-clients/{client_id}/deactivate")
    if refusal is not None:
        return await _page(request, upstream, refusal=refusal)
    return RedirectResponse("/back-office/partners?did=client_deactivated", status_code=303)


async def _new_client(request: Request, upstream: Upstream, firm: dict[str, Any], *, firm_name: str = "") -> Response:
    body = {"partner_id": firm["id"], "name": firm["name"]}
    client, refusal = await upstream.submit("portal", "POST", "/api/v1/api-clients", json=body)
    if refusal is not None:  # the firm is registered, its client is not: said beside the form
        return await _page(request, upstream, refusal=refusal, firm_name=firm_name)
    return await _page(request, upstream, credentials={**client, "firm": firm["name"]})


@router.post("/back-office/partners/{partner_id}/active")
async def set_aside(request: Request, partner_id: str, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    form = await _form(request)
    active = form.get("active") == "true"
    path = f"/api/v1/legal/partners/{known_id(partner_id)}"
    _, refusal = await upstream.submit("legal", "PATCH", path, json={"active": active})
    if refusal is not None:
        return await _page(request, upstream, refusal=refusal)
    return RedirectResponse(f"/back-office/partners?did={'restored' if active else 'set_aside'}", status_code=303)
