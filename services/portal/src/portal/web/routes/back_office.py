"""The supervisors' back-office: the suspense queue of bank credits no case claimed (assign one to a case, or
set it aside), the remittance runs (run them, read a run, download its SEPA file), and the legal escalation
proposals (approve by opening the procedure, or refuse saying why). Each list and action is the owning service's
API with the visitor's token: the service decides who may do what (an agent may read, not run remittances)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from portal.web import csrf
from portal.web.declared_payments import declarations_for
from portal.web.deps import StaffDep, UpstreamDep, known_id
from portal.web.errors import PageError
from portal.web.language import Translator, page_language
from portal.web.rendering import render
from portal.web.upstream import Refusal, Upstream

router = APIRouter(include_in_schema=False)
PROCEDURE_KINDS = ("injonction_de_payer", "small_claims")


async def _form(request: Request) -> dict[str, str]:
    submitted = await request.form(max_files=0, max_fields=10)
    csrf.check(request, str(submitted.get("csrf") or ""))
    return {key: str(value).strip()[:2000] for key, value in submitted.items() if isinstance(value, str)}


@router.get("/back-office")
async def back_office(request: Request, viewer: StaffDep) -> Response:
    return render(request, "back_office/index.html", {})


# -- suspense -------------------------------------------------------------------------------------------------


@router.get("/back-office/suspense")
async def suspense(request: Request, viewer: StaffDep, upstream: UpstreamDep, did: str = "") -> Response:
    return await _suspense_page(request, upstream, done=did == "resolved")


async def _suspense_page(
    request: Request, upstream: Upstream, *, done: bool = False, refusal: Refusal | None = None
) -> Response:
    credits = await upstream.read("intake", "/api/v1/intake/suspense", {"limit": 200})
    try:  # the payments debtors declared: a help to find the case, the queue works without it
        declared = (await upstream.read("dunning", "/api/v1/dunning/declared-payments", {"limit": 200}))["items"]
    except PageError:
        declared = None
    matches = {credit["id"]: declarations_for(credit, declared or []) for credit in credits}
    context = {"credits": credits, "matches": matches, "declared_unknown": declared is None}
    context |= {"done": done, "refusal": refusal}
    return render(request, "back_office/suspense.html", context, status=refusal.status if refusal else 200)


@router.post("/back-office/suspense/{credit_id}/resolve")
async def resolve_credit(request: Request, credit_id: str, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    form = await _form(request)
    body: dict[str, Any] = {}
    reference = form.get("case_reference", "")
    if reference:
        found = await upstream.read("intake", "/api/v1/cases", {"reference": reference, "limit": 2})
        if found["total"] != 1:
            unknown = Refusal(422, [f"{reference} : " + _no_case(request)], "case_reference")
            return await _suspense_page(request, upstream, refusal=unknown)
        body["case_id"] = found["items"][0]["id"]
    else:
        body["dismiss_reason"] = form.get("dismiss_reason") or None
    path = f"/api/v1/intake/suspense/{known_id(credit_id)}/resolve"
    _, refusal = await upstream.submit("intake", "POST", path, json=body)
    if refusal is not None:
        return await _suspense_page(request, upstream, refusal=refusal)
    return RedirectResponse("/back-office/suspense?did=resolved", status_code=303)


def _no_case(request: Request) -> str:
    return Translator(page_language(request))("back.suspense.no_case")


# -- remittances ----------------------------------------------------------------------------------------------


@router.get("/back-office/remittances")
async def remittances(request: Request, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    listing = await upstream.read("intake", "/api/v1/remittances", {"limit": 50})
    alerts = await upstream.read_or_none("intake", "/api/v1/remittances/alerts", {"limit": 50})
    context = {"listing": listing, "alerts": alerts, "refusal": None}
    return render(request, "back_office/remittances.html", context)


@router.post("/back-office/remittances/runs")
async def run_remittances(request: Request, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    form = await _form(request)
    body = {"execution_date": form.get("execution_date") or None}
    run, refusal = await upstream.submit("intake", "POST", "/api/v1/remittances/runs", json=body)
    if refusal is not None:
        listing = await upstream.read("intake", "/api/v1/remittances", {"limit": 50})
        context = {"listing": listing, "alerts": None, "refusal": refusal}
        return render(request, "back_office/remittances.html", context, status=refusal.status)
    return RedirectResponse(f"/back-office/remittances/runs/{run['id']}", status_code=303)


@router.get("/back-office/remittances/runs/{run_id}")
async def remittance_run(request: Request, run_id: str, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    run = await upstream.read("intake", f"/api/v1/remittances/runs/{known_id(run_id)}")
    return render(request, "back_office/run.html", {"run": run})


@router.get("/back-office/remittances/runs/{run_id}/pain001")
async def transfer_file(run_id: str, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    return await upstream.download("intake", f"/api/v1/remittances/runs/{known_id(run_id)}/pain001")


@router.get("/back-office/remittances/{remittance_id}/invoice")
async def commission_invoice(remittance_id: str, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    return await upstream.download("intake", f"/api/v1/remittances/{known_id(remittance_id)}/invoice")


# -- legal escalation -----------------------------------------------------------------------------------------


@router.get("/back-office/legal-deadlines")
async def legal_deadlines(request: Request, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    """What falls due in the procedures and the prescriptions legal follows within 30 days, and the procedures
    still before the court on a case since closed, soonest first (legal computes them at the moment of asking)."""
    listing = await upstream.read("legal", "/api/v1/legal/deadlines")
    return render(request, "back_office/legal_deadlines.html", {"listing": listing})


@router.get("/back-office/escalations")
async def escalations(
    request: Request,
    viewer: StaffDep,
    upstream: UpstreamDep,
    did: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    return await _escalation_page(request, upstream, done=did)


async def _escalation_page(
    request: Request, upstream: Upstream, *, done: str = "", refusal: Refusal | None = None
) -> Response:
    listing = await upstream.read("legal", "/api/v1/legal/proposals", {"status": "proposed", "limit": 100})
    context = {"listing": listing, "kinds": PROCEDURE_KINDS, "done": done, "refusal": refusal}
    return render(request, "back_office/escalations.html", context, status=refusal.status if refusal else 200)


@router.post("/back-office/escalations/{proposal_id}/decision")
async def decide_escalation(request: Request, proposal_id: str, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    form = await _form(request)
    known_id(proposal_id)
    if form.get("decision") == "approve":
        kind = form.get("kind") if form.get("kind") in PROCEDURE_KINDS else PROCEDURE_KINDS[0]
        path = f"/api/v1/legal/cases/{known_id(form.get('case_id', ''))}/procedures"
        _, refusal = await upstream.submit("legal", "POST", path, json={"kind": kind, "note": form.get("note") or None})
    else:
        path = f"/api/v1/legal/proposals/{proposal_id}/refusal"
        _, refusal = await upstream.submit("legal", "POST", path, json={"reason": form.get("note", "")})
    if refusal is not None:
        return await _escalation_page(request, upstream, refusal=refusal)
    done = "approved" if form.get("decision") == "approve" else "refused"
    return RedirectResponse(f"/back-office/escalations?did={done}", status_code=303)
