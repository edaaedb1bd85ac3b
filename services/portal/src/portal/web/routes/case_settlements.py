"""A case's settlements on its page: staff offer one (amount, day to pay by, a note for the creditor) and record
the debtor's acceptance heard on the phone; the creditor (or staff on its word) approves or refuses one below its
mandate's floor. Each is dunning's API as the visitor, which judges it and says why it refuses."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from portal.web import csrf
from portal.web.case_page import back_to_case
from portal.web.deps import StaffDep, UpstreamDep, ViewerDep, known_id
from portal.web.language import Translator, page_language
from portal.web.settlement_form import read_offer
from portal.web.upstream import Refusal

router = APIRouter(include_in_schema=False)
SECTION = "settlements"


@router.post("/cases/{case_id}/settlements")
async def offer_settlement(request: Request, case_id: str, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    """Within the mandate's floor dunning sends the offer to the debtor at once; below it, to the creditor: the page
    says which, from dunning's answer."""
    submitted = await request.form(max_files=0, max_fields=20)
    csrf.check(request, str(submitted.get("csrf") or ""))
    typed = {name: str(submitted.get(name) or "").strip()[:2000] for name in ("amount", "pay_by", "note")}
    offer = read_offer(typed["amount"], typed["pay_by"], typed["note"], Translator(page_language(request)))
    refusal = Refusal(422, [message for _, message in offer.refusals], offer.refusals[0][0]) if offer.refusals else None
    done = "offered"
    if offer.body is not None:
        path = f"/api/v1/dunning/cases/{known_id(case_id)}/settlements"
        offered, refusal = await upstream.submit("dunning", "POST", path, json=offer.body)
        done = "to_approve" if refusal is None and offered.get("status") == "to_approve" else done
    # typed back under the form's own name: the promise form of the same page keeps its fields empty
    kept = {"form": "settlement", **typed}
    return await back_to_case(request, upstream, viewer, case_id, refusal, done, section=SECTION, typed=kept)


@router.post("/cases/{case_id}/settlements/{settlement_id}/accept")
async def record_acceptance(
    request: Request,
    case_id: str,
    settlement_id: str,
    viewer: StaffDep,
    upstream: UpstreamDep,
    csrf_token: Annotated[str, Form(alias="csrf", max_length=200)] = "",
) -> Response:
    """The debtor's word, given to an agent: recorded as staff's (never as the debtor's own, which only its page
    says)."""
    csrf.check(request, csrf_token)
    path = f"/api/v1/dunning/cases/{known_id(case_id)}/settlements/{known_id(settlement_id)}/accept"
    _, refusal = await upstream.submit("dunning", "POST", path, json={"by_debtor": False})
    return await back_to_case(request, upstream, viewer, case_id, refusal, "accepted", section=SECTION)


@router.post("/cases/{case_id}/settlements/{settlement_id}/decision")
async def decide_settlement(
    request: Request,
    case_id: str,
    settlement_id: str,
    viewer: ViewerDep,
    upstream: UpstreamDep,
    decision: Annotated[str, Form(pattern="^(approve|refuse)$")],
    answer: Annotated[str, Form(max_length=2000)] = "",
    csrf_token: Annotated[str, Form(alias="csrf", max_length=200)] = "",
) -> Response:
    csrf.check(request, csrf_token)
    body = {"decision": decision, "answer": answer.strip() or None}
    path = f"/api/v1/dunning/cases/{known_id(case_id)}/settlements/{known_id(settlement_id)}/decision"
    _, refusal = await upstream.submit("dunning", "POST", path, json=body)
    done = "approved" if decision == "approve" else "refused"
    return await back_to_case(request, upstream, viewer, case_id, refusal, done, section=SECTION)
