"""Opening a case from the guided form: the case (as a draft), its document, the checklist, then submitted for
an agent's validation. Each part goes to intake's own API, as the creditor."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from portal.web import csrf
from portal.web.case_form import (
    DEFAULT_ROWS,
    DOCUMENT_KINDS,
    MAX_ROWS,
    CaseForm,
    case_body,
    checklist_body,
    read_form,
)
from portal.web.case_page import UNAVAILABLE, read_case_page
from portal.web.deps import UpstreamDep, ViewerDep, known_id
from portal.web.errors import PageError
from portal.web.language import Translator, page_language
from portal.web.refused_fields import refused_field
from portal.web.rendering import render
from portal.web.upstream import Refusal, Upstream

router = APIRouter(include_in_schema=False)
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def _form_page(request: Request, form: CaseForm, refusal: Refusal | None = None, status: int = 200) -> Response:
    context = {"form": form, "refusal": refusal, "max_rows": MAX_ROWS}
    return render(request, "cases/new.html", context, status=status)


@router.get("/cases/new")
async def new_case_page(request: Request, viewer: ViewerDep) -> Response:
    if not viewer.is_creditor:
        raise PageError(403, "new_case.creditors_only")
    return _form_page(request, CaseForm(values={"kind": "b2b", "debtor_type": "company"}, rows=DEFAULT_ROWS))


@router.post("/cases/new")
async def open_case(request: Request, viewer: ViewerDep, upstream: UpstreamDep) -> Response:
    if not viewer.is_creditor:
        raise PageError(403, "new_case.creditors_only")
    submitted = await request.form(max_files=1, max_fields=400)
    csrf.check(request, str(submitted.get("csrf") or ""))
    form = read_form(submitted, page_language(request))
    if submitted.get("action") == "add_row":
        form.rows = min(form.rows + 1, MAX_ROWS)
        return _form_page(request, form)
    body = case_body(form)
    if not body:
        await _checked_by_intake(request, upstream, form)
        return _form_page(request, form, status=422)
    upload = submitted.get("document")
    document = upload if isinstance(upload, UploadFile) and upload.filename else None
    if document is not None and (document.size or 0) > MAX_DOCUMENT_BYTES:
        form.errors.append(("document", "new_case.too_large"))
        return _form_page(request, form, status=422)
    case, refusal = await upstream.submit("intake", "POST", "/api/v1/cases", json=body)
    if refusal is not None:
        form.take_refusal(refusal.problems)
        return _form_page(request, form, _as_rows(request, form, refusal), status=refusal.status)
    warnings = await _complete(upstream, case, form, document, keep_draft=submitted.get("action") == "draft")
    return RedirectResponse(f"/cases/{case['id']}?opened={'partly' if warnings else 'yes'}", status_code=303)


async def _checked_by_intake(request: Request, upstream: Upstream, form: CaseForm) -> None:
    """The form has mistakes of its own: intake checks the rest as typed (`POST /api/v1/cases/checks`, nothing
    stored), and what it finds wrong with fields the form did not refuse is said with them, in one round: every rule
    intake finds broken (its answer's `errors`), beside its field."""
    # The invoices the form refused are left out, so that intake's schema does not stop at them before its rules.
    kept = [
        (row, invoice)
        for row, invoice in zip(form.invoice_rows, form.body["invoices"], strict=True)
        if not any(name.startswith(f"invoice-{row}-") for name, _ in form.errors)
    ]
    if kept:
        form.invoice_rows = [row for row, _ in kept]
        form.body = {**form.body, "invoices": [invoice for _, invoice in kept]}
    try:
        _, refusal = await upstream.submit("intake", "POST", "/api/v1/cases/checks", json=_stood_in(form))
    except PageError:
        return  # intake cannot say now: the form's own mistakes are said, intake's come with the next round
    if refusal is None or not (untold := form.untold(refusal.problems)):
        return
    form.take_refusal(untold)
    messages = _as_rows(request, form, replace(refusal, problems=tuple(untold))).messages
    form.also = [(form.field_of(parts) or "", message) for (parts, _, _), message in zip(untold, messages, strict=True)]


def _stood_in(form: CaseForm) -> dict[str, Any]:
    """The body intake checks, with a stand-in for a reference or a debtor's name the form found missing, so that
    intake's schema does not stop at them before its rules (what it says of a stand-in is not shown: the form
    has said the field is required)."""
    body = form.body
    if form.has_error("reference"):
        body = {**body, "reference": f"verification-{uuid.uuid4().hex[:12]}"}
    if form.has_error("debtor_name"):
        body = {**body, "debtor": {**body["debtor"], "name": "Débiteur à nommer"}}
    return body


def _as_rows(request: Request, form: CaseForm, refusal: Refusal) -> Refusal:
    """Intake's refusal with each invoice named by its row in the form ("Facture 2" when the first row was left
    empty), not by its place in the body intake was sent."""
    if not refusal.problems:
        return refusal
    t = Translator(page_language(request))
    messages = [
        refused_field(("body", *form.as_rows(parts)), form.unnamed(parts, reason), message, t)
        for parts, message, reason in refusal.problems
    ]
    return replace(refusal, messages=messages)


@router.post("/cases/{case_id}/draft")
async def complete_draft(request: Request, case_id: str, viewer: ViewerDep, upstream: UpstreamDep) -> Response:
    """A draft's document and checklist, saved, and the draft submitted for validation when asked: what the form
    that opened it would have done, for a creditor who saved it as a draft first."""
    submitted = await request.form(max_files=1, max_fields=20)
    csrf.check(request, str(submitted.get("csrf") or ""))
    case = await upstream.read("intake", f"/api/v1/cases/{known_id(case_id)}")
    if case["status"] != "draft":  # submitted meanwhile (another tab, an agent): nothing left to complete
        return RedirectResponse(f"/cases/{case['id']}", status_code=303)
    form = read_form(submitted, page_language(request))
    upload = submitted.get("document")
    document = upload if isinstance(upload, UploadFile) and upload.filename else None
    submit = submitted.get("action") == "submit"
    if document is not None and (document.size or 0) > MAX_DOCUMENT_BYTES:
        too_large = Refusal(413, [Translator(page_language(request))("new_case.too_large")], "document")
        return await _draft_page(request, upstream, viewer, case["id"], [too_large])
    warnings = await _complete(upstream, case, form, document, keep_draft=not submit)
    if warnings:
        return await _draft_page(request, upstream, viewer, case["id"], warnings)
    return RedirectResponse(f"/cases/{case['id']}?did={'submitted' if submit else 'saved'}", status_code=303)


async def _draft_page(
    request: Request, upstream: Upstream, viewer: Any, case_id: str, refusals: list[Refusal]
) -> Response:
    """The case's page with what intake refused of the draft's completion, beside its form."""
    page = await read_case_page(request, upstream, viewer, known_id(case_id))
    refusal = Refusal(refusals[0].status, [message for refused in refusals for message in refused.messages])
    context = {"page": page, "unavailable": UNAVAILABLE, "decided": False, "refusal": refusal, "done": None}
    return render(request, "cases/detail.html", context, status=refusal.status)


async def _complete(
    upstream: Upstream, case: dict[str, Any], form: CaseForm, document: UploadFile | None, *, keep_draft: bool
) -> list[Refusal]:
    """The checklist as declared, the document (which ticks the item it proves, `intake.domain.lifecycle.EVIDENCE`)
    and the submission; what intake refuses is shown on the case's page."""
    path = f"/api/v1/cases/{case['id']}"
    _, refusal = await upstream.submit("intake", "PUT", f"{path}/checklist", json=checklist_body(form))
    warnings: list[Refusal] = [refusal] if refusal else []
    if document is not None:
        kind = form.value("document_kind") if form.value("document_kind") in DOCUMENT_KINDS else "invoice"
        content = await document.read()
        files = {
            "file": (document.filename or "document", content, document.content_type or "application/octet-stream")
        }
        _, refusal = await upstream.submit("intake", "POST", f"{path}/documents", data={"kind": kind}, files=files)
        warnings += [refusal] if refusal else []
    if not keep_draft:
        _, refusal = await upstream.submit("intake", "POST", f"{path}/transitions", json={"to": "submitted"})
        warnings += [refusal] if refusal else []
    return warnings
