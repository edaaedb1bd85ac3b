"""The debtor's contact details corrected from the case's page, by its creditor or staff: sent to intake
(`PATCH /api/v1/cases/{id}/debtor`), which checks them as it checks a new case's and keeps them as the creditor's view
of the debtor. Intake's refusal is shown above the form, which stays open with what was typed."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from portal.web import csrf
from portal.web.case_page import UNAVAILABLE, read_case_page
from portal.web.deps import UpstreamDep, ViewerDep, known_id
from portal.web.errors import PageError
from portal.web.rendering import render
from portal.web.undelivered import still_known

router = APIRouter(include_in_schema=False)
ADDRESS = ("line1", "line2", "postal_code", "city", "country")
QUEUE = 100  # the most recent details that came back, read at once


@router.get("/contacts")
async def came_back(request: Request, viewer: ViewerDep, upstream: UpstreamDep) -> Response:
    """The cases whose last e-mail bounced or last letter came back (dunning's queue, the viewer's cases only), less
    those whose detail was corrected since (intake's case read): what is left to correct, each row to its case."""
    try:
        listing = await upstream.read("dunning", "/api/v1/dunning/came-back", {"limit": QUEUE})
    except PageError:
        return render(request, "cases/came_back.html", {"listing": None, "rows": []}, status=503)
    items = listing.get("items", [])
    reads = (upstream.read_or_none("intake", f"/api/v1/cases/{item['case_id']}") for item in items)
    cases = await asyncio.gather(*reads, return_exceptions=True)
    rows = [  # a case intake could not read now is listed rather than hidden
        item
        for item, case in zip(items, cases, strict=True)
        if isinstance(case, BaseException)
        or (case and still_known(item["channel"], item["recipient"], case.get("debtor") or {}))
    ]
    return render(request, "cases/came_back.html", {"listing": listing, "rows": rows})


@router.post("/cases/{case_id}/debtor")
async def correct_contacts(request: Request, case_id: str, viewer: ViewerDep, upstream: UpstreamDep) -> Response:
    submitted = await request.form(max_files=0, max_fields=20)
    csrf.check(request, str(submitted.get("csrf") or ""))
    form = {key: str(value).strip()[:200] for key, value in submitted.items() if isinstance(value, str)}
    case = known_id(case_id)
    _, refusal = await upstream.submit("intake", "PATCH", f"/api/v1/cases/{case}/debtor", json=contacts(form))
    if refusal is not None:
        page = await read_case_page(request, upstream, viewer, case)
        shown = {key: form.get(key, "") for key in ("email", "phone", *ADDRESS, "language")}
        context = {"page": page, "unavailable": UNAVAILABLE, "decided": False, "contacts_refusal": refusal}
        context["contacts_typed"] = shown
        return render(request, "cases/detail.html", context, status=refusal.status)
    return RedirectResponse(f"/cases/{case}?did=contacts", status_code=303)


def contacts(form: dict[str, str]) -> dict[str, Any]:
    """What the form says, as intake reads a correction: an emptied e-mail or phone is forgotten (null); the address
    is sent when any of its lines is filled (intake then names what it lacks) and left as it is when all are empty,
    since an address cannot be forgotten; the language only when it was changed (a debtor nobody said anything of is
    written to in French, which the form shows chosen)."""
    body: dict[str, Any] = {"email": form.get("email") or None, "phone": form.get("phone") or None}
    if any(form.get(part) for part in ADDRESS if part != "country"):
        address = {part: form.get(part) or None for part in ADDRESS}
        body["address"] = {**address, "country": (form.get("country") or "FR").upper()}
    if form.get("language") and form.get("language") != form.get("shown_language"):
        body["language"] = form["language"]
    return body
