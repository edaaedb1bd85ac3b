"""The agents' pages: the prioritised worklist, and what an agent does on a case's page (validate it, record a
call's outcome, a promise, resolve a dispute, record a step of a court procedure). Each action is the owning
service's API, as the agent."""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from shared.events.dunning import DISPUTE_CATEGORIES

from portal.web import csrf
from portal.web.case_page import back_to_case
from portal.web.deps import StaffDep, UpstreamDep, known_id
from portal.web.errors import PageError
from portal.web.language import Translator, page_language
from portal.web.promise_form import PromiseReading, read_promise
from portal.web.rendering import render
from portal.web.upstream import Refusal, Upstream

router = APIRouter(include_in_schema=False)
GRADES = ("A", "B", "C", "D", "E")
BUCKETS = ("not_due", "0-30", "31-60", "61-90", "90+")
OUTCOMES = ("reached", "promise", "dispute", "wrong_number", "refused", "no_answer")


AWAITING = 10  # submitted cases shown on the worklist; the case list, filtered, shows them all


@router.get("/worklist")
async def worklist(
    request: Request,
    viewer: StaffDep,
    upstream: UpstreamDep,
    grade: Annotated[str, Query(max_length=1)] = "",
    bucket: Annotated[str, Query(max_length=10)] = "",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    filters = {"grade": grade if grade in GRADES else None, "bucket": bucket if bucket in BUCKETS else None}
    listing = await upstream.read("scoring", "/api/v1/worklist", {**filters, "page": page, "page_size": 25})
    # Cases awaiting an agent's validation are not scored yet, so not in scoring's worklist: listed above it.
    waiting = await upstream.read_or_none("intake", "/api/v1/cases", {"status": "submitted", "limit": AWAITING})
    # The call-backs debtors asked for, soonest first: calls the debtors are waiting for, above the scored cases.
    callbacks = await _optional(upstream, "dunning", "/api/v1/dunning/tasks", {"callback": "true", "limit": AWAITING})
    # What debtors wrote to us and no agent has read: said above the list, with the way to the replies.
    replies = await _optional(upstream, "dunning", "/api/v1/dunning/replies", {"unread": "true", "limit": 1})
    # Disputes hold their cases' reminders until settled: how many are open, and how many past the agency's target.
    disputes = await _optional(upstream, "dunning", "/api/v1/dunning/disputes", {"limit": 1})
    # Proposals (plans, settlements) waiting for a creditor's decision: the agency chases the creditor.
    decisions = await _optional(upstream, "dunning", "/api/v1/dunning/approvals", {"limit": 1})
    # Which cases of this page a dispute holds: no reminder goes out, the agent's move is to settle it.
    ids = [item["case_id"] for item in listing["items"]]
    held = (
        await _optional(upstream, "dunning", "/api/v1/dunning/disputes", {"case_id": ids, "limit": 100})
        if ids
        else None
    )
    context = {
        "in_dispute": {item["case_id"] for item in (held or {}).get("items", [])},
        "unread_replies": (replies or {}).get("unread", 0),
        "disputes": disputes if disputes and disputes["total"] else None,
        "decisions_waiting": (decisions or {}).get("total", 0),
        "awaiting": waiting or {"items": [], "total": 0},
        "callbacks": callbacks or {"items": [], "total": 0},
        "listing": listing,
        "grade": filters["grade"] or "",
        "bucket": filters["bucket"] or "",
        "grades": GRADES,
        "buckets": BUCKETS,
        "page": page,
        "pages": max(1, math.ceil(listing["total"] / 25)),
    }
    return render(request, "agent/worklist.html", context)


@router.post("/cases/{case_id}/validate")
async def validate(request: Request, case_id: str, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    form = await _checked_form(request)
    body = {"override_reason": form.get("override_reason") or None}
    _, refusal = await upstream.submit("intake", "POST", f"/api/v1/cases/{known_id(case_id)}/validate", json=body)
    return await back_to_case(request, upstream, viewer, case_id, refusal, "validated")


@router.post("/cases/{case_id}/tasks/{task_id}/outcome")
async def call_outcome(
    request: Request, case_id: str, task_id: str, viewer: StaffDep, upstream: UpstreamDep
) -> Response:
    form = await _checked_form(request)
    outcome = form.get("outcome", "")
    body: dict[str, Any] = {"outcome": outcome if outcome in OUTCOMES else "reached", "note": form.get("note") or None}
    if outcome == "promise":
        promised = read_promise(form.get("promise_amount", ""), form.get("promise_due_on", ""), _t(request))
        if promised.body is None:
            return await back_to_case(request, upstream, viewer, case_id, _refused(promised), "call")
        body["promise"] = promised.body
    if outcome == "dispute":
        body["dispute_reason"] = form.get("dispute_reason") or None
        category = form.get("dispute_category", "")
        body["dispute_category"] = category if category in DISPUTE_CATEGORIES else None
    path = f"/api/v1/dunning/tasks/{known_id(task_id)}/outcome"
    _, refusal = await upstream.submit("dunning", "POST", path, json=body)
    return await back_to_case(request, upstream, viewer, case_id, refusal, "call")


@router.post("/cases/{case_id}/promises")
async def promise(request: Request, case_id: str, viewer: StaffDep, upstream: UpstreamDep) -> Response:
    """The amount as the page's reader writes it and the day, read here (`promise_form`); the bounds are dunning's."""
    form = await _checked_form(request)
    typed = {"amount": form.get("amount", ""), "due_on": form.get("due_on", "")}
    promised = read_promise(typed["amount"], typed["due_on"], _t(request))
    refusal = _refused(promised)
    if promised.body is not None:
        path = f"/api/v1/dunning/cases/{known_id(case_id)}/promises"
        _, refusal = await upstream.submit("dunning", "POST", path, json=promised.body)
    return await back_to_case(request, upstream, viewer, case_id, refusal, "promise", typed=typed)


@router.post("/cases/{case_id}/disputes/{dispute_id}/resolve")
async def resolve_dispute(
    request: Request, case_id: str, dispute_id: str, viewer: StaffDep, upstream: UpstreamDep
) -> Response:
    form = await _checked_form(request)
    body = {"outcome": form.get("outcome", ""), "note": form.get("note") or None}
    body["debtor_message"] = form.get("debtor_message") or None  # e-mailed to the debtor with the outcome
    path = f"/api/v1/dunning/cases/{known_id(case_id)}/disputes/{known_id(dispute_id)}/resolve"
    _, refusal = await upstream.submit("dunning", "POST", path, json=body)
    return await back_to_case(request, upstream, viewer, case_id, refusal, "dispute")


@router.post("/cases/{case_id}/procedures/{procedure_id}/steps")
async def procedure_step(
    request: Request, case_id: str, procedure_id: str, viewer: StaffDep, upstream: UpstreamDep
) -> Response:
    """A step of a court procedure as staff record it (filed, granted, served ... closed); legal checks its order and
    its date against the procedure's calendar and says why it refuses."""
    form = await _checked_form(request)
    body = {"type": form.get("type", ""), "occurred_on": form.get("occurred_on", ""), "note": form.get("note") or None}
    path = f"/api/v1/legal/procedures/{known_id(procedure_id)}/events"
    _, refusal = await upstream.submit("legal", "POST", path, json=body)
    return await back_to_case(request, upstream, viewer, case_id, refusal, "step", section="legal")


async def _checked_form(request: Request) -> dict[str, str]:
    submitted = await request.form(max_files=0, max_fields=50)
    csrf.check(request, str(submitted.get("csrf") or ""))
    return {key: str(value).strip()[:2000] for key, value in submitted.items() if isinstance(value, str)}


def _t(request: Request) -> Translator:
    return Translator(page_language(request))


def _refused(promised: PromiseReading) -> Refusal | None:
    """The promise form's own refusal (what is not an amount or a date), as an API's would be shown."""
    if not promised.refusals:
        return None
    return Refusal(422, [message for _, message in promised.refusals], promised.refusals[0][0])


async def _optional(upstream: Upstream, service: str, path: str, params: dict[str, Any]) -> Any:
    """What the service answers, or None when it cannot answer now (the worklist still shows)."""
    try:
        return await upstream.read_or_none(service, path, params)
    except PageError:
        return None
