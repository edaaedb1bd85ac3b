"""The debtor's self-service page at the link every dunning message carries: what is owed and why, the agency's
and the creditor's particulars (R124-4 CPCE), how to pay, a payment plan to propose to the creditor, a dispute, and
a payment the debtor says was already made (a dispute too: the reminders wait while staff find it). No account: the
signed link is the proof; an altered or expired link is the plain 403 page."""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from shared.clock import today_in_paris
from shared.deps import ClockDep
from shared.events.dunning import DISPUTE_CATEGORIES

from portal.timeline.consultations import record_consultation
from portal.web import csrf
from portal.web.case_form import amount_of
from portal.web.debtor_access import (
    DebtorView,
    LinkRefused,
    as_the_portal,
    linked_case,
    open_link,
    read_debtor_view,
    supporting_documents,
)
from portal.web.deps import known_id
from portal.web.errors import PageError
from portal.web.formatting import day, money
from portal.web.language import Translator, page_language
from portal.web.rendering import render
from portal.web.upstream import Refusal

router = APIRouter(include_in_schema=False)
_INSTALMENT_FIELD = re.compile(r"instalments\[(\d+)\](?:\.(due_on|amount))?")
_PLAN_ROW_FIELD = re.compile(r"(?:due_on|amount)-(\d{1,3})")
# The form has the rows dunning's plan bounds allow (`most_instalments`); every row sent goes to dunning, which
# judges their number. This only keeps a forged form's size within what dunning's API takes (120 instalments).
MAX_PLAN_ROWS = 120
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
PAYMENT_MEANS = ("transfer", "cheque", "card", "other")
SENT = ("plan", "dispute", "paid", "callback", "language", "contact", "details", "settlement", "card")
DEBTOR_HEADERS = {"X-Robots-Tag": "noindex, nofollow"}


def debtor_page_response(
    request: Request,
    token: str,
    view: DebtorView,
    *,
    sent: str = "",
    refusal: Refusal | None = None,
    status: int = 200,
    callback: dict[str, Any] | None = None,
    contact: Refusal | None = None,
    details: dict[str, Any] | None = None,
) -> Response:
    """`callback`: a refused call-back request, said in its own section beside what was typed (`refusal`, the typed
    `window`, `phone` and `note`), rather than at the top of a long page; `contact`, a refused choice of channels,
    and `details`, refused contact details (`refusal`, the typed `email` and `phone`), in their own sections too."""
    web = request.app.state.web
    context = {
        "token": token,
        "view": view,
        "agency": web.settings,
        "sent": sent,
        "refusal": refusal,
        "callback": callback or {},
        "contact_refusal": contact,
        "details": details or {},
        "public_page": True,
    }
    return render(request, "debtor/page.html", context, status=status, headers=DEBTOR_HEADERS)


@router.get("/debtor/{token}")
async def debtor_page(request: Request, token: str, sent: Annotated[str, Query(max_length=10)] = "") -> Response:
    view = await read_debtor_view(request, token)
    return debtor_page_response(request, token, view, sent=sent if sent in SENT else "")


@router.get("/debtor/{token}/documents/{document_id}")
async def supporting_document(request: Request, token: str, document_id: str) -> Response:
    """One of the documents that support the claim, downloaded; the first reading of the day is on the timeline."""
    case = await linked_case(request, token)
    case_id, wanted = uuid.UUID(case["id"]), str(known_id(document_id))
    upstream = as_the_portal(request)
    document = next((d for d in await supporting_documents(upstream, case_id) if d["id"] == wanted), None)
    if document is None:  # another case's, or correspondence the debtor is not shown
        raise PageError(404, "error.not_found")
    answer = await upstream.download("intake", f"/api/v1/cases/{case_id}/documents/{wanted}/content")
    runtime = request.app.state.runtime
    creditor_id, now = uuid.UUID(str(case["creditor_id"])), runtime.clock.now()
    await run_in_threadpool(
        record_consultation, runtime.engine, case_id=case_id, creditor_id=creditor_id, document=document, at=now
    )
    answer.headers.update(DEBTOR_HEADERS)
    return answer


@router.post("/debtor/{token}/plan")
async def propose_plan(request: Request, token: str) -> Response:
    form = await _checked_form(request, max_fields=2 * MAX_PLAN_ROWS + 10)
    case_id, _ = open_link(request, token)
    instalments = [
        {"due_on": form.get(f"due_on-{index}", ""), "amount": _amount(form.get(f"amount-{index}", ""))}
        for index in _plan_rows(form)
        if form.get(f"due_on-{index}") or form.get(f"amount-{index}")
    ]
    body = {"instalments": instalments, "submit_to_creditor": True, "proposed_by_debtor": True}
    if message := form.get("message", "").strip():
        body["note"] = message  # the debtor's own words; that it is the debtor's, dunning records and says
    # Dunning lets its `service` role enter a plan, and say it is the debtor's; put to the creditor, it waits for the
    # creditor's decision.
    refusal = await _to_dunning(request, f"/api/v1/dunning/cases/{case_id}/plans", body)
    if refusal is not None:
        refusal = Refusal(refusal.status, [_plainly(request, message) for message in refusal.messages], refusal.field)
        return debtor_page_response(
            request, token, await read_debtor_view(request, token), refusal=refusal, status=refusal.status
        )
    return RedirectResponse(f"/debtor/{token}?sent=plan", status_code=303)


@router.post("/debtor/{token}/callback")
async def ask_callback(request: Request, token: str) -> Response:
    """A call-back in one of the slots dunning offers, to the number the debtor gives (dunning checks both)."""
    form = await _checked_form(request, max_fields=10)
    case_id, _ = open_link(request, token)
    body = {"window": form.get("window", ""), "phone": form.get("phone", "")[:40]}
    if note := form.get("note", "").strip()[:500]:
        body["note"] = note
    refusal = await _to_dunning(request, f"/api/v1/dunning/cases/{case_id}/callbacks", body)
    if refusal is not None:
        typed = {"refusal": refusal, "window": body["window"], "phone": body["phone"], "note": body.get("note", "")}
        typed["phone_refused"] = refusal.field == "phone" or any(
            parts[-1:] == ("phone",) for parts, _, _ in refusal.problems
        )
        view = await read_debtor_view(request, token)
        return debtor_page_response(request, token, view, status=refusal.status, callback=typed)
    return RedirectResponse(f"/debtor/{token}?sent=callback", status_code=303)


@router.post("/debtor/{token}/dispute")
async def open_dispute(request: Request, token: str) -> Response:
    submitted = await request.form(max_files=1, max_fields=20)
    csrf.check(request, str(submitted.get("csrf") or ""))
    case_id, _ = open_link(request, token)
    reason = str(submitted.get("reason") or "").strip()[:2000]
    if not reason:
        missing = Refusal(422, [_text(request, "debtor.dispute.required")], "reason")
        return debtor_page_response(request, token, await read_debtor_view(request, token), refusal=missing, status=422)
    # the debtor's own words, as written: the case's pages quote them, in whichever language their reader has
    said = {"category": category} if (category := str(submitted.get("category") or "")) in DISPUTE_CATEGORIES else None
    return await _disputed(request, token, case_id, reason, submitted.get("attachment"), kind="dispute", declared=said)


@router.post("/debtor/{token}/paid")
async def declare_payment(request: Request, token: str, clock: ClockDep) -> Response:
    """A payment the debtor says was made: the day, the amount, how, and a proof if they have one. Opened as a dispute
    saying so, which holds the reminders while staff match it with what the agency received."""
    submitted = await request.form(max_files=1, max_fields=20)
    csrf.check(request, str(submitted.get("csrf") or ""))
    case_id, _ = open_link(request, token)
    form = {key: str(value).strip()[:200] for key, value in submitted.items() if isinstance(value, str)}
    paid_on = _past_day(form.get("paid_on", ""), today=today_in_paris(clock))
    amount = amount_of(form.get("amount", ""))
    means = form.get("means", "")
    wrong = [
        (field, key)
        for field, key, bad in (
            ("paid_on", "debtor.paid.bad_day", paid_on is None),
            ("amount", "debtor.paid.bad_amount", amount is None),
            ("means", "debtor.paid.bad_means", means not in PAYMENT_MEANS),
        )
        if bad
    ]
    if wrong or paid_on is None or amount is None:
        refusal = Refusal(422, [_text(request, key) for _, key in wrong], wrong[0][0] if wrong else None)
        return debtor_page_response(request, token, await read_debtor_view(request, token), refusal=refusal, status=422)
    t = Translator(page_language(request))
    said = t("debtor.paid.said", amount=money(amount, page_language(request)), day=day(paid_on, page_language(request)))
    said += " " + t("debtor.paid.means." + means)
    if reference := form.get("reference", "")[:140]:
        said += " " + t("debtor.paid.said_reference", reference=reference)
    declared = {"declared_amount": format(amount, ".2f"), "declared_on": paid_on.isoformat()}
    return await _disputed(
        request, token, case_id, said, submitted.get("attachment"), kind="payment_declared", declared=declared
    )


def _past_day(text: str, *, today: date) -> date | None:
    try:
        value = date.fromisoformat(text)
    except ValueError:
        return None
    return value if value <= today else None


async def _disputed(
    request: Request,
    token: str,
    case_id: uuid.UUID,
    reason: str,
    attachment: Any,
    *,
    kind: str,
    declared: dict[str, str] | None = None,
) -> Response:
    """The dispute of `kind` (dunning's: dispute or payment_declared, `declared` its category or amount and day) opened
    with dunning, its attachment first filed with the case's documents; back to the page saying it was sent, or with
    the refusal beside the form."""
    upstream = as_the_portal(request)
    if isinstance(attachment, UploadFile) and attachment.filename:
        # An attachment refused (too large, disguised) is said, and the dispute waits for the debtor to send it
        # again or without it: opened without it, the debtor would believe the creditor has the document.
        content = await attachment.read(MAX_ATTACHMENT_BYTES + 1)
        if len(content) > MAX_ATTACHMENT_BYTES:
            too_large = Refusal(413, [_text(request, "debtor.dispute.too_large")], "attachment")
            return debtor_page_response(
                request, token, await read_debtor_view(request, token), refusal=too_large, status=413
            )
        files = {"file": (attachment.filename, content, attachment.content_type or "application/octet-stream")}
        _, refused = await upstream.submit(
            "intake", "POST", f"/api/v1/cases/{case_id}/documents", data={"kind": "correspondence"}, files=files
        )
        if refused is not None:
            return debtor_page_response(
                request, token, await read_debtor_view(request, token), refusal=refused, status=refused.status
            )
    body = {"reason": reason[:2000], "kind": kind, **(declared or {})}
    refusal = await _to_dunning(request, f"/api/v1/dunning/cases/{case_id}/disputes", body)
    if refusal is not None:
        return debtor_page_response(
            request, token, await read_debtor_view(request, token), refusal=refusal, status=refusal.status
        )
    sent = "paid" if kind == "payment_declared" else "dispute"
    return RedirectResponse(f"/debtor/{token}?sent={sent}", status_code=303)


async def _to_dunning(request: Request, path: str, body: dict[str, Any]) -> Refusal | None:
    """Dunning's refusal of the debtor's plan or dispute; a case dunning has not heard of yet (a form sent just
    after the validation) is said plainly beside the form, not as a missing page."""
    try:
        _, refusal = await as_the_portal(request).submit("dunning", "POST", path, json=body)
    except PageError as missing:
        if missing.status != 404:
            raise
        return Refusal(409, [_text(request, "debtor.not_ready")])
    return refusal


def _plan_rows(form: dict[str, str]) -> list[int]:
    """The form's instalment rows in their order on the page."""
    rows = {int(match.group(1)) for key in form if (match := _PLAN_ROW_FIELD.fullmatch(key))}
    return sorted(row for row in rows if row < MAX_PLAN_ROWS)


async def _checked_form(request: Request, *, max_fields: int = 50) -> dict[str, str]:
    submitted = await request.form(max_files=0, max_fields=max_fields)
    csrf.check(request, str(submitted.get("csrf") or ""))
    return {key: str(value).strip()[:2000] for key, value in submitted.items() if isinstance(value, str)}


def _amount(text: str) -> str:
    amount = amount_of(text)
    return str(amount) if amount is not None else text


def _text(request: Request, key: str) -> str:
    return Translator(page_language(request))(key)


def _plainly(request: Request, message: str) -> str:
    """ "instalments[2].amount : ..." as the debtor reads the form: "Échéance 3, montant : ..."."""
    t = Translator(page_language(request))

    def named(match: re.Match[str]) -> str:
        row = t("debtor.plan.row", n=int(match.group(1)) + 1)
        return f"{row}, {t('debtor.plan.' + match.group(2)).lower()}" if match.group(2) else row

    return _INSTALMENT_FIELD.sub(named, message)


def refused_link(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LinkRefused)
    refusal = exc.refusal
    language = page_language(request)
    detail = None
    if refusal is not None:
        detail = refusal.message_fr if language == "fr" and refusal.message_fr else refusal.message
        detail = detail[:1].upper() + detail[1:]  # the kernel's message is an API's, in lower case
    context: dict[str, Any] = {"error_key": "error.link", "detail": detail or _text(request, "debtor.link_invalid")}
    return render(request, "error.html", {**context, "public_page": True}, status=403, headers=DEBTOR_HEADERS)
