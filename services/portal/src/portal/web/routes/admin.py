"""The agency's administration pages: creditors (register one, correct its name, e-mail or address, its IBAN for
remittances, shown masked, its mandates) over intake's API, and the platform's users over the portal's own. Staff
read; the APIs let only admins write (an agent who posts is answered the "access refused" page by the API's own
403)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from portal.web import csrf
from portal.web.case_form import amount_of
from portal.web.deps import StaffDep, UpstreamDep, known_id
from portal.web.language import page_language
from portal.web.rendering import render
from portal.web.upstream import Refusal, Upstream

router = APIRouter(include_in_schema=False)
ROLES = ("creditor", "agent", "supervisor", "admin")
PHASES = {"amicable": ["amicable"], "legal": ["amicable", "legal"]}
Did = Annotated[str, Query(max_length=20)]


async def _form(request: Request) -> dict[str, str]:
    submitted = await request.form(max_files=0, max_fields=20)
    csrf.check(request, str(submitted.get("csrf") or ""))
    return {key: str(value).strip()[:2000] for key, value in submitted.items() if isinstance(value, str)}


def _or_none(value: str) -> str | None:
    return value or None


# -- creditors ------------------------------------------------------------------------------------------------


@router.get("/back-office/creditors")
async def creditors(request: Request, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    return await _creditors_page(request, upstream, {}, None)


async def _creditors_page(
    request: Request, upstream: Upstream, values: dict[str, str], refusal: Refusal | None
) -> Response:
    listing = await upstream.read("intake", "/api/v1/creditors", {"limit": 200})
    context = {"listing": listing, "values": values, "refusal": refusal}
    return render(request, "back_office/creditors.html", context, status=refusal.status if refusal else 200)


@router.post("/back-office/creditors")
async def register_creditor(request: Request, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    form = await _form(request)
    body: dict[str, Any] = {"name": form.get("name", ""), "siren": _or_none(form.get("siren", ""))}
    body["email"] = _or_none(form.get("email", ""))
    if form.get("line1") or form.get("postal_code") or form.get("city"):
        body["address"] = {key: form.get(key, "") for key in ("line1", "postal_code", "city")}
    created, refusal = await upstream.submit("intake", "POST", "/api/v1/creditors", json=body)
    if refusal is not None:
        return await _creditors_page(request, upstream, form, refusal)
    return RedirectResponse(f"/back-office/creditors/{created['id']}?did=created", status_code=303)


@router.get("/back-office/creditors/{creditor_id}")
async def creditor(
    request: Request, creditor_id: str, viewer: StaffDep, upstream: UpstreamDep, did: Did = ""
) -> Response:
    return await _creditor_page(request, upstream, creditor_id, done=did)


async def _creditor_page(
    request: Request,
    upstream: Upstream,
    creditor_id: str,
    *,
    done: str = "",
    refusal: Refusal | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    path = f"/api/v1/creditors/{known_id(creditor_id)}"
    found = await upstream.read("intake", path)
    mandates = await upstream.read("intake", f"{path}/mandates", {"limit": 50})
    context = {"creditor": found, "mandates": mandates, "done": done, "refusal": refusal, "values": values or {}}
    context["percent"] = lambda rate: _percent(rate, page_language(request))
    return render(request, "back_office/creditor.html", context, status=refusal.status if refusal else 200)


@router.post("/back-office/creditors/{creditor_id}/details")
async def correct_creditor(request: Request, creditor_id: str, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    """Intake's PATCH with only the fields the form changed (the address keeps its country): the SIREN stays."""
    form = await _form(request)
    path = f"/api/v1/creditors/{known_id(creditor_id)}"
    current = await upstream.read("intake", path)
    _, refusal = await upstream.submit("intake", "PATCH", path, json=_corrections(current, form))
    if refusal is not None:
        return await _creditor_page(request, upstream, creditor_id, refusal=refusal, values=form)
    return RedirectResponse(f"/back-office/creditors/{creditor_id}?did=updated", status_code=303)


def _corrections(current: dict[str, Any], form: dict[str, str]) -> dict[str, Any]:
    lines = {key: form.get(key, "") for key in ("line1", "line2", "postal_code", "city")}
    address = None
    if any(lines.values()):
        address = {**(current.get("address") or {}), **lines, "line2": lines["line2"] or None}
    wanted = {"name": form.get("name", ""), "email": _or_none(form.get("email", "")), "address": address}
    return {key: value for key, value in wanted.items() if value != current.get(key)}


@router.post("/back-office/creditors/{creditor_id}/bank-account")
async def record_iban(request: Request, creditor_id: str, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    form = await _form(request)
    body = {"iban": form.get("iban", ""), "bic": _or_none(form.get("bic", ""))}
    path = f"/api/v1/intake/creditors/{known_id(creditor_id)}/bank-account"
    _, refusal = await upstream.submit("intake", "PUT", path, json=body)
    if refusal is not None:
        return await _creditor_page(request, upstream, creditor_id, refusal=refusal, values=form)
    return RedirectResponse(f"/back-office/creditors/{creditor_id}?did=iban", status_code=303)


@router.post("/back-office/creditors/{creditor_id}/mandates")
async def sign_mandate(request: Request, creditor_id: str, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    form = await _form(request)
    rate = amount_of(form.get("commission_percent", ""))
    body = {
        "commission_rate": str((rate / 100).normalize()) if rate is not None else form.get("commission_percent", ""),
        "phases": PHASES.get(form.get("phases", ""), ["amicable"]),
        "scenario": form.get("scenario") or "default-fr",
        "insurance_reference": _or_none(form.get("insurance_reference", "")),
        "signed_on": _or_none(form.get("signed_on", "")),
        # how low a settlement may go without the creditor, as a share of the balance due; none: each is put to it
        "settlement_floor": _share(form.get("settlement_percent", "")),
    }
    path = f"/api/v1/creditors/{known_id(creditor_id)}/mandates"
    _, refusal = await upstream.submit("intake", "POST", path, json=body)
    if refusal is not None:
        return await _creditor_page(request, upstream, creditor_id, refusal=refusal, values=form)
    return RedirectResponse(f"/back-office/creditors/{creditor_id}?did=mandate", status_code=303)


def _share(percent: str) -> str | None:
    """ "80" or "80,5" (%) -> "0.8" / "0.805", as intake takes a rate; what is not a number goes as typed, for intake
    to refuse in its words; blank, None."""
    if not percent.strip():
        return None
    rate = amount_of(percent)
    return str((rate / 100).normalize()) if rate is not None else percent.strip()


def _percent(rate: object, language: str) -> str:
    """ "0.15" -> "15 %" (fr) / "15%" (en)."""
    value = (Decimal(str(rate)) * 100).normalize()
    text = f"{value:f}"
    return f"{text.replace('.', ',')}\u00a0%" if language == "fr" else f"{text}%"


# -- users ----------------------------------------------------------------------------------------------------


@router.get("/back-office/users")
async def users(request: Request, viewer: StaffDep, upstream: UpstreamDep, did: Did = "") -> Response:
    return await users_page(request, upstream, done=did)


async def users_page(
    request: Request,
    upstream: Upstream,
    *,
    done: str = "",
    refusal: Refusal | None = None,
    values: dict[str, str] | None = None,
    failed_user: str = "",
) -> Response:
    """`done`: what was just done (created, deactivated, reactivated, password); `failed_user`: the user whose new
    password was refused, whose form opens again beside the refusal."""
    listing = await upstream.read("portal", "/api/v1/users", {"limit": 200})
    known = await upstream.read("intake", "/api/v1/creditors", {"limit": 200})
    names = {item["id"]: item["name"] for item in known["items"]}
    context = {"listing": listing, "creditors": known["items"], "names": names, "roles": ROLES}
    context |= {"done": done, "refusal": refusal, "values": values or {}, "failed_user": failed_user}
    return render(request, "back_office/users.html", context, status=refusal.status if refusal else 200)


@router.post("/back-office/users")
async def create_user(request: Request, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    form = await _form(request)
    role = form.get("role", "")
    body: dict[str, str | None] = {"email": form.get("email", ""), "password": form.get("password", ""), "role": role}
    body["creditor_id"] = (form.get("creditor_id") or None) if role == "creditor" else None
    _, refusal = await upstream.submit("portal", "POST", "/api/v1/users", json=body)
    if refusal is not None:
        kept = {key: value for key, value in form.items() if key != "password"}
        return await users_page(request, upstream, refusal=refusal, values=kept)
    return RedirectResponse("/back-office/users?did=created", status_code=303)
