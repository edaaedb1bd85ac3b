"""A document filed with a case from its page, and staff's judgement that the documents filed for a dispute do not
answer it. The document goes to intake's API as the visitor (the case's creditor or staff; intake refuses it for a
closed case, an empty or disguised file, a file too large), and intake tells dunning, which reads each dispute's
proof against it; the judgement goes to dunning's API, which e-mails the creditor what is missing."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from portal.web import csrf
from portal.web.case_page import back_to_case
from portal.web.deps import StaffDep, UpstreamDep, ViewerDep, known_id
from portal.web.errors import PageError
from portal.web.language import Translator, page_language
from portal.web.routes.new_case import MAX_DOCUMENT_BYTES
from portal.web.upstream import Refusal

router = APIRouter(include_in_schema=False)


@router.post("/cases/{case_id}/documents")
async def attach_document(request: Request, case_id: str, viewer: ViewerDep, upstream: UpstreamDep) -> Response:
    """« Joindre une pièce »: the kind chosen and the file, back to the page's documents; refused (no file, too
    large, or intake's own refusal), the page again with the refusal in the visitor's words and the kind kept."""
    submitted = await request.form(max_files=1, max_fields=10)
    csrf.check(request, str(submitted.get("csrf") or ""))
    if not (viewer.is_creditor or viewer.is_staff):
        raise PageError(403, "error.forbidden")
    t = Translator(page_language(request))
    kind = str(submitted.get("kind") or "").strip()[:40]
    upload = submitted.get("file")
    refusal: Refusal | None
    if not isinstance(upload, UploadFile) or not upload.filename:  # nothing chosen: said without asking intake
        refusal = Refusal(422, [t("documents.attach.no_file")], "file")
    elif (upload.size or 0) > MAX_DOCUMENT_BYTES:  # the draft's limit: not sent on for intake to refuse
        refusal = Refusal(413, [t("documents.attach.too_large")], "file")
    else:
        content = await upload.read()
        files = {"file": (upload.filename, content, upload.content_type or "application/octet-stream")}
        path = f"/api/v1/cases/{known_id(case_id)}/documents"
        _, refusal = await upstream.submit("intake", "POST", path, data={"kind": kind}, files=files)
    typed = {"form": "attach", "kind": kind}
    return await back_to_case(request, upstream, viewer, case_id, refusal, "attached", section="documents", typed=typed)


@router.post("/cases/{case_id}/disputes/{dispute_id}/proof-insufficient")
async def proof_insufficient(
    request: Request, case_id: str, dispute_id: str, viewer: StaffDep, upstream: UpstreamDep
) -> Response:
    """« Pièces insuffisantes »: what the creditor is missing, back to the page's disputes; dunning's refusal (the
    dispute resolved meanwhile, nothing filed to judge) said in plain words, the note given back."""
    submitted = await request.form(max_files=0, max_fields=10)
    csrf.check(request, str(submitted.get("csrf") or ""))
    note = str(submitted.get("note") or "").strip()
    refusal: Refusal | None
    if note:
        path = f"/api/v1/dunning/cases/{known_id(case_id)}/disputes/{known_id(dispute_id)}/proof-insufficient"
        _, refusal = await upstream.submit("dunning", "POST", path, json={"note": note})
    else:  # nothing written: said in the form's words, without asking dunning
        refusal = Refusal(422, [Translator(page_language(request))("dispute.proof.judge.empty")], "note")
    typed = {"form": "proof", "dispute": dispute_id, "note": note}
    return await back_to_case(request, upstream, viewer, case_id, refusal, "proof", section="disputes", typed=typed)
