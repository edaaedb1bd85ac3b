"""Debtors' replies to our e-mails (dunning's `GET /api/v1/dunning/replies`): the queue « Réponses des débiteurs »
(staff: every creditor's, the unread first; a creditor: its own), each reply as received, and an agent marking one
read, from the queue or from the case's page."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from portal.web import csrf
from portal.web.case_page import back_to_case
from portal.web.deps import StaffDep, UpstreamDep, ViewerDep, known_id
from portal.web.errors import PageError
from portal.web.rendering import render

router = APIRouter(include_in_schema=False)
PAGE = 50


@router.get("/replies")
async def replies(
    request: Request,
    viewer: ViewerDep,
    upstream: UpstreamDep,
    page: Annotated[int, Query(ge=1, le=20_000)] = 1,
    did: Annotated[str, Query(max_length=10)] = "",
) -> Response:
    try:
        listing = await upstream.read(
            "dunning", "/api/v1/dunning/replies", {"offset": (page - 1) * PAGE, "limit": PAGE}
        )
    except PageError:
        return render(request, "replies/list.html", {"listing": None}, status=503)
    pages = max(1, math.ceil(listing["total"] / PAGE))
    context = {"listing": listing, "page": page, "pages": pages, "done": did == "read"}
    return render(request, "replies/list.html", context)


@router.get("/replies/{reply_id}/original")
async def original(reply_id: str, viewer: ViewerDep, upstream: UpstreamDep) -> Response:
    return await upstream.download("dunning", f"/api/v1/dunning/replies/{known_id(reply_id)}/original")


@router.post("/replies/{reply_id}/answer")
async def answer(
    request: Request,
    reply_id: str,
    viewer: StaffDep,
    upstream: UpstreamDep,
    case_id: Annotated[str, Form(max_length=40)] = "",
    text: Annotated[str, Form(max_length=10_000)] = "",
    csrf_token: Annotated[str, Form(alias="csrf", max_length=200)] = "",
) -> Response:
    """The agent's answer, sent by dunning; refused (empty, answered already), the case's page says why above the
    form, open again with what was typed."""
    csrf.check(request, csrf_token)
    reply, case = known_id(reply_id), known_id(case_id)
    _, refusal = await upstream.submit(
        "dunning", "POST", f"/api/v1/dunning/replies/{reply}/answer", json={"text": text}
    )
    typed = {"reply": str(reply), "answer": text}
    return await back_to_case(request, upstream, viewer, str(case), refusal, "answered", section="replies", typed=typed)


@router.post("/replies/{reply_id}/case")
async def file_under_case(
    request: Request,
    reply_id: str,
    viewer: StaffDep,
    upstream: UpstreamDep,
    case: Annotated[str, Form(max_length=100)] = "",
    csrf_token: Annotated[str, Form(alias="csrf", max_length=200)] = "",
) -> Response:
    """A reply that named none of our messages filed under its case, named by its reference or id; refused (no such
    case, several with that reference), the queue says why beside the form, with what was typed."""
    csrf.check(request, csrf_token)
    reply = known_id(reply_id)
    filed, refusal = await upstream.submit(
        "dunning", "POST", f"/api/v1/dunning/replies/{reply}/case", json={"case": case}
    )
    if refusal is not None:
        listing = await upstream.read("dunning", "/api/v1/dunning/replies", {"limit": PAGE})
        context = {"listing": listing, "page": 1, "pages": max(1, math.ceil(listing["total"] / PAGE))}
        context |= {"refusal": refusal, "file_refused": str(reply), "file_typed": case}
        return render(request, "replies/list.html", context, status=refusal.status)
    return RedirectResponse(f"/cases/{known_id(filed['case_id'])}?did=filed#replies", status_code=303)


@router.post("/replies/{reply_id}/read")
async def mark_read(
    request: Request,
    reply_id: str,
    viewer: ViewerDep,
    upstream: UpstreamDep,
    back: Annotated[str, Form(max_length=200)] = "",
    csrf_token: Annotated[str, Form(alias="csrf", max_length=200)] = "",
) -> Response:
    csrf.check(request, csrf_token)
    answer, refusal = await upstream.submit("dunning", "POST", f"/api/v1/dunning/replies/{known_id(reply_id)}/read")
    if refusal is not None:
        raise PageError(refusal.status, "error.not_found" if refusal.status == 404 else "error.forbidden")
    if back == "case":  # the case's page it was read from; anything else goes back to the queue
        return RedirectResponse(f"/cases/{known_id(answer['case_id'])}?did=reply#replies", status_code=303)
    return RedirectResponse("/replies?did=read", status_code=303)
