"""Bulk import: a creditor (or staff, for a creditor) sends a CSV, XLSX, FEC or Factur-X file to intake's import
API; the import's page follows it while it runs (the page reloads itself, no script) and shows the rows refused,
with the full error report as CSV. An import the visitor may not see is intake's 404, so the page's 404."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from portal.web import csrf
from portal.web.deps import UpstreamDep, ViewerDep, known_id
from portal.web.import_columns import COLUMNS
from portal.web.language import Translator, page_language
from portal.web.rendering import render
from portal.web.upstream import Refusal

router = APIRouter(include_in_schema=False)
MAX_IMPORT_BYTES = 50 * 1024 * 1024
RUNNING = ("queued", "running")


def _form_page(request: Request, refusal: Refusal | None = None, status: int = 200) -> Response:
    return render(request, "imports/new.html", {"refusal": refusal, "columns": COLUMNS}, status=status)


@router.get("/imports/new")
async def import_form(request: Request, viewer: ViewerDep) -> Response:
    return _form_page(request)


@router.post("/imports/new")
async def send_import(request: Request, viewer: ViewerDep, upstream: UpstreamDep) -> Response:
    submitted = await request.form(max_files=1, max_fields=5)
    csrf.check(request, str(submitted.get("csrf") or ""))
    upload = submitted.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _form_page(request, Refusal(422, [_text(request, "import.no_file")], "file"), status=422)
    if (upload.size or 0) > MAX_IMPORT_BYTES:
        return _form_page(request, Refusal(413, [_text(request, "import.too_large")], "file"), status=413)
    data: dict[str, str] = {}
    creditor = str(submitted.get("creditor_id") or "").strip()
    if viewer.is_staff and creditor:
        data["creditor_id"] = str(known_id(creditor))
    content = await upload.read()
    files = {"file": (upload.filename, content, upload.content_type or "application/octet-stream")}
    accepted, refusal = await upstream.submit("intake", "POST", "/api/v1/imports", data=data, files=files)
    if refusal is not None:
        return _form_page(request, refusal, status=refusal.status)
    return RedirectResponse(f"/imports/{accepted['id']}", status_code=303)


@router.get("/imports/{import_id}")
async def import_page(request: Request, import_id: str, viewer: ViewerDep, upstream: UpstreamDep) -> Response:
    report = await upstream.read("intake", f"/api/v1/imports/{known_id(import_id)}")
    done = report["accepted"] + report["rejected"]
    context = {"report": report, "running": report["status"] in RUNNING, "done": done}
    return render(request, "imports/report.html", context)


@router.get("/imports/{import_id}/errors.csv")
async def import_errors(import_id: str, viewer: ViewerDep, upstream: UpstreamDep) -> Response:
    return await upstream.download("intake", f"/api/v1/imports/{known_id(import_id)}/errors.csv")


def _text(request: Request, key: str) -> str:
    return Translator(page_language(request))(key)
