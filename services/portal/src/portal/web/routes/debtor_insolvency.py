"""Insolvency proceedings opened on a case's debtor, recorded by staff from the case's page: sent to intake
(`POST /api/v1/intake/debtors/{id}/insolvency`), which moves every case of the debtor under collection, for every
creditor, to claim declaration (L622-21 C. com.). Back on the page, how many cases moved and the claim's deadline
are said; intake's refusal is shown beside the form, which stays open with what was typed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from shared.i18n import Language

from portal.web import csrf
from portal.web.case_page import UNAVAILABLE, read_case_page
from portal.web.deps import UpstreamDep, ViewerDep, known_id
from portal.web.formatting import numeric_day
from portal.web.language import Translator, page_language
from portal.web.rendering import render
from portal.web.upstream import Refusal

router = APIRouter(include_in_schema=False)
MOST_MOVED = 100_000  # more cases than a debtor ever had: a count past it in the address was not written by us
LABELS = {
    "kind": "insolvency.kind",
    "opened_on": "insolvency.opened_on",
    "published_on": "insolvency.field.published_on",
}


@router.post("/cases/{case_id}/debtor/insolvency")
async def record_insolvency(
    request: Request,
    case_id: str,
    viewer: ViewerDep,
    upstream: UpstreamDep,
    kind: Annotated[str, Form(max_length=20)] = "",
    opened_on: Annotated[str, Form(max_length=20)] = "",
    published_on: Annotated[str, Form(max_length=20)] = "",
    csrf_token: Annotated[str, Form(alias="csrf", max_length=200)] = "",
) -> Response:
    csrf.check(request, csrf_token)
    case = known_id(case_id)
    debtor = known_id(str((await upstream.read("intake", f"/api/v1/cases/{case}"))["debtor"]["id"]))
    body = {"kind": kind, "opened_on": opened_on.strip() or None, "published_on": published_on.strip() or None}
    path = f"/api/v1/intake/debtors/{debtor}/insolvency"
    recorded, refusal = await upstream.submit("intake", "POST", path, json=body)
    if refusal is not None:
        page = await read_case_page(request, upstream, viewer, case)
        shown = labelled(refusal, Translator(page_language(request)))
        context = {"page": page, "unavailable": UNAVAILABLE, "decided": False, "insolvency_refusal": shown}
        context["insolvency_typed"] = {key: value or "" for key, value in body.items()}
        return render(request, "cases/detail.html", context, status=refusal.status)
    query = {"did": "insolvency", "moved": len(recorded["moved"]), "until": recorded.get("claim_deadline") or ""}
    return RedirectResponse(f"/cases/{case}?{urlencode(query)}#debtor-title", status_code=303)


def labelled(refusal: Refusal, t: Translator) -> Refusal:
    """Intake's refusal naming each field as the form labels it ("Date de publication au BODACC : ..."), not by the
    API's name for it ("published_on : ...")."""

    def named(message: str) -> str:
        for field, key in LABELS.items():
            for separator in (" : ", ": "):
                if message.startswith(field + separator):
                    return t(key) + separator + message.removeprefix(field + separator)
        return message

    return replace(refusal, messages=[named(message) for message in refusal.messages])


def recorded_message(moved: str, until: str, language: Language) -> tuple[str, dict[str, object]] | None:
    """The success message of a recording, from the count and the deadline the redirect carried: the text's key and
    its fields; None for a count that is not one (an address typed by hand), and no day for a day that is not one."""
    if not (moved.isascii() and moved.isdigit()) or int(moved) > MOST_MOVED:
        return None
    try:
        deadline = date.fromisoformat(until)
    except ValueError:
        return "insolvency.done.undated", {"count": int(moved)}
    return "insolvency.done", {"count": int(moved), "day": numeric_day(deadline, language)}
