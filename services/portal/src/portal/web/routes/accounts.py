"""Accounts on the site: everyone's own page (« Mon compte »: who they are, their password changed), and the admins'
actions on a user of the users page (switched off and on again, a new password), each over the portal's API."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from portal.web import csrf
from portal.web.deps import StaffDep, UpstreamDep, ViewerDep, known_id
from portal.web.rendering import render
from portal.web.routes.admin import users_page
from portal.web.upstream import Upstream

router = APIRouter(include_in_schema=False)


async def _form(request: Request) -> dict[str, str]:
    submitted = await request.form(max_files=0, max_fields=10)
    csrf.check(request, str(submitted.get("csrf") or ""))
    return {key: str(value)[:1024] for key, value in submitted.items() if isinstance(value, str)}


@router.get("/account")
def account(request: Request, viewer: ViewerDep, did: Annotated[str, Query(max_length=20)] = "") -> Response:
    return render(request, "account.html", {"done": did == "password", "refusal": None, "mismatch": False})


@router.post("/account/password")
async def change_password(request: Request, viewer: ViewerDep, upstream: UpstreamDep) -> Response:
    form = await _form(request)
    if form.get("password", "") != form.get("confirmation", ""):
        return render(request, "account.html", {"done": False, "refusal": None, "mismatch": True}, status=422)
    body = {"current_password": form.get("current_password", ""), "password": form.get("password", "")}
    _, refusal = await upstream.submit("portal", "PUT", "/api/v1/auth/password", json=body)
    if refusal is not None:
        return render(
            request, "account.html", {"done": False, "refusal": refusal, "mismatch": False}, status=refusal.status
        )
    return RedirectResponse("/account?did=password", status_code=303)


@router.post("/back-office/users/{user_id}/password")
async def reset_password(request: Request, user_id: str, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    form = await _form(request)
    path = f"/api/v1/users/{known_id(user_id)}/password"
    _, refusal = await upstream.submit("portal", "PUT", path, json={"password": form.get("password", "")})
    if refusal is not None:
        return await users_page(request, upstream, refusal=refusal, failed_user=user_id)
    return RedirectResponse("/back-office/users?did=password", status_code=303)


@router.post("/back-office/users/{user_id}/deactivate")
async def deactivate_user(request: Request, user_id: str, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    return await _switch(request, upstream, user_id, "deactivate")


@router.post("/back-office/users/{user_id}/reactivate")
async def reactivate_user(request: Request, user_id: str, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    return await _switch(request, upstream, user_id, "reactivate")


async def _switch(request: Request, upstream: Upstream, user_id: str, action: str) -> Response:
    await _form(request)
    _, refusal = await upstream.submit("portal", "POST", f"/api/v1/users/{known_id(user_id)}/{action}")
    if refusal is not None:
        return await users_page(request, upstream, refusal=refusal)
    return RedirectResponse(f"/back-office/users?did={action}d", status_code=303)
