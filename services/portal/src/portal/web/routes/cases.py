"""The case list and a case's page, with the files it links to (letters, documents), the creditor's answer to a
payment plan put to it, and its answer to the debtor's dispute."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from portal.web import csrf
from portal.web.case_list import list_cases, next_actions
from portal.web.case_page import UNAVAILABLE, read_case_page
from portal.web.deps import UpstreamDep, ViewerDep, WebDep, known_id
from portal.web.language import Translator, page_language
from portal.web.rendering import render
from portal.web.routes.debtor_insolvency import recorded_message
from portal.web.upstream import Refusal

router = APIRouter(include_in_schema=False)
DONE = {
    "opened:yes": "new_case.opened",
    "opened:partly": "new_case.opened_partly",
    "did:validated": "validate.done",
    "did:call": "outcome.done",
    "did:promise": "promise.done",
    "did:dispute": "dispute.resolve.done",
    "did:answer": "dispute.answer.done",
    "did:step": "legal.step.done",
    "did:submitted": "draft.submitted",
    "did:saved": "draft.saved",
    "did:contacts": "contacts.done",
    "did:reply": "replies.done",
    "did:answered": "replies.answer.done",
    "did:filed": "replies.file.done",
    "did:attached": "documents.attach.done",
    "did:proof": "dispute.proof.judge.done",
    "did:offered": "settlement.done.offered",
    "did:to_approve": "settlement.done.to_approve",
    "did:accepted": "settlement.done.accepted",
    "did:approved": "settlement.done.approved",
    "did:refused": "settlement.done.refused",
}
STATUSES = ("draft", "submitted", "amicable", "legal", "claim_declaration", "closed")


@router.get("/cases")
async def case_list(
    request: Request,
    viewer: ViewerDep,
    upstream: UpstreamDep,
    web: WebDep,
    q: Annotated[str, Query(max_length=200)] = "",
    status: Annotated[str, Query(max_length=40)] = "",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> Response:
    status = status if status in STATUSES else ""
    size = web.settings.page_size
    listing = await list_cases(
        upstream,
        query=q,
        status=status,
        offset=(page - 1) * size,
        limit=size,
        scan_limit=web.settings.search_scan_limit,
    )
    actions = await next_actions(upstream, listing.items)
    return render(
        request,
        "cases/list.html",
        {
            "listing": listing,
            "actions": actions,
            "q": q,
            "status": status,
            "statuses": STATUSES,
            "page": page,
            "pages": max(1, math.ceil(listing.total / size)),
        },
    )


@router.get("/cases/{case_id}")
async def case_page(
    request: Request,
    case_id: str,
    viewer: ViewerDep,
    upstream: UpstreamDep,
    decided: bool = False,
    opened: Annotated[str, Query(max_length=10)] = "",
    did: Annotated[str, Query(max_length=10)] = "",
    moved: Annotated[str, Query(max_length=6)] = "",
    until: Annotated[str, Query(max_length=10)] = "",
) -> Response:
    page = await read_case_page(request, upstream, viewer, known_id(case_id))
    done = DONE.get(f"opened:{opened}") or DONE.get(f"did:{did}")
    context = {"page": page, "unavailable": UNAVAILABLE, "decided": decided, "done": done}
    if did == "insolvency":  # said with the count of cases moved and the deadline the recording answered
        done, fields = recorded_message(moved, until, page_language(request)) or (None, {})
        context.update(done=done, done_fields=fields)
    return render(request, "cases/detail.html", context)


@router.get("/cases/{case_id}/letters/{message_id}")
async def letter(case_id: str, message_id: str, viewer: ViewerDep, upstream: UpstreamDep) -> Response:
    return await upstream.download(
        "dunning", f"/api/v1/dunning/cases/{known_id(case_id)}/messages/{known_id(message_id)}/document"
    )


@router.get("/cases/{case_id}/documents/{document_id}")
async def document(case_id: str, document_id: str, viewer: ViewerDep, upstream: UpstreamDep) -> Response:
    return await upstream.download(
        "intake", f"/api/v1/cases/{known_id(case_id)}/documents/{known_id(document_id)}/content"
    )


@router.post("/cases/{case_id}/plans/{plan_id}/decision")
async def decide_plan(
    request: Request,
    case_id: str,
    plan_id: str,
    viewer: ViewerDep,
    upstream: UpstreamDep,
    decision: Annotated[str, Form(pattern="^(approve|refuse)$")],
    note: Annotated[str, Form(max_length=2000)] = "",
    csrf_token: Annotated[str, Form(alias="csrf", max_length=200)] = "",
) -> Response:
    csrf.check(request, csrf_token)
    body = {"decision": decision, "note": note.strip() or None}
    _, refusal = await upstream.submit(
        "dunning", "POST", f"/api/v1/dunning/cases/{known_id(case_id)}/plans/{known_id(plan_id)}/decision", json=body
    )
    if refusal is not None:
        page = await read_case_page(request, upstream, viewer, known_id(case_id))
        context = {"page": page, "unavailable": UNAVAILABLE, "decided": False, "refusal": refusal}
        return render(request, "cases/detail.html", context, status=refusal.status)
    return RedirectResponse(f"/cases/{case_id}?decided=1#plans", status_code=303)


@router.post("/cases/{case_id}/disputes/{dispute_id}/answer")
async def answer_dispute(
    request: Request,
    case_id: str,
    dispute_id: str,
    viewer: ViewerDep,
    upstream: UpstreamDep,
    text: Annotated[str, Form(max_length=4000)] = "",
    csrf_token: Annotated[str, Form(alias="csrf", max_length=200)] = "",
) -> Response:
    csrf.check(request, csrf_token)
    path = f"/api/v1/dunning/cases/{known_id(case_id)}/disputes/{known_id(dispute_id)}/answer"
    refusal: Refusal | None
    if text.strip():
        _, refusal = await upstream.submit("dunning", "POST", path, json={"text": text.strip()})
    else:  # nothing written: said in the form's words, without asking dunning
        refusal = Refusal(422, [Translator(page_language(request))("dispute.answer.empty")], "text")
    if refusal is not None:
        page = await read_case_page(request, upstream, viewer, known_id(case_id))
        context = {"page": page, "unavailable": UNAVAILABLE, "decided": False, "refusal": refusal}
        return render(request, "cases/detail.html", context, status=refusal.status)
    return RedirectResponse(f"/cases/{case_id}?did=answer#disputes", status_code=303)
