from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, File, Form, Header, Query, UploadFile, status
from fastapi.responses import StreamingResponse

from shared.deps import ClockDep, CreditorOrStaffDep, RuntimeDep, SessionDep
from shared.i18n import Language, negotiate
from shared.limits import OffsetQuery
from shared.spreadsheets import neutralised

from intake.deps import SettingsDep, StoreDep
from intake.documents.downloads import download_headers
from intake.domain.filetypes import safe_filename
from intake.imports.jobs import get_import, import_errors, run_import, submit_import
from intake.imports.models import ImportRowError
from intake.imports.schemas import ControlTotal, ImportAccepted, ImportReport, RowErrorPublic

ERRORS_CSV = "text/csv; charset=utf-8"

router = APIRouter(prefix="/api/v1/imports", tags=["imports"])


def row_error_view(error: ImportRowError, language: Language) -> RowErrorPublic:
    """The reason in the client's language, both beside it (rows refused before reasons were kept in French
    have their English only)."""
    reason_fr = error.reason_fr or error.reason
    return RowErrorPublic(
        line=error.line,
        column=error.column,
        reason=reason_fr if language == "fr" else error.reason,
        reason_en=error.reason,
        reason_fr=reason_fr,
    )


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    summary="import a CSV (French or international), XLSX, FEC or Factur-X file; runs in the background",
)
def post_import(
    file: Annotated[UploadFile, File()],
    session: SessionDep,
    store: StoreDep,
    settings: SettingsDep,
    runtime: RuntimeDep,
    clock: ClockDep,
    principal: CreditorOrStaffDep,
    background: BackgroundTasks,
    creditor_id: Annotated[uuid.UUID | None, Form()] = None,
) -> ImportAccepted:
    job = submit_import(
        session=session,
        store=store,
        source=file.file,
        filename=file.filename,
        creditor_id=creditor_id,
        max_bytes=settings.max_import_bytes,
        principal=principal,
        clock=clock,
    )
    # the worker engine: a long import never holds a connection the API's requests wait for
    background.add_task(run_import, engine=runtime.worker_engine, store=store, import_id=job.id, clock=clock)
    return ImportAccepted(id=job.id, status=job.status)


@router.get("/{import_id}", summary="status, counts and the rows refused")
def get_one_import(
    import_id: uuid.UUID,
    session: SessionDep,
    principal: CreditorOrStaffDep,
    accept_language: Annotated[str | None, Header(include_in_schema=False)] = None,
    errors_offset: OffsetQuery = 0,
    errors_limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> ImportReport:
    job = get_import(session=session, import_id=import_id, principal=principal)
    errors = import_errors(session, job, offset=errors_offset, limit=errors_limit)
    language = negotiate(accept_language)
    return ImportReport(
        id=job.id,
        status=job.status,
        filename=safe_filename(job.filename),  # names stored before they were reduced to a base name
        rows=job.rows,
        accepted=job.accepted,
        rejected=job.rejected,
        cases_opened=job.cases_opened,
        accepted_amounts=[
            ControlTotal(currency=currency, amount=Decimal(amount))
            for currency, amount in sorted(job.accepted_amounts.items())
        ],
        failure=(job.failure_fr or job.failure) if language == "fr" else job.failure,
        failure_en=job.failure,
        failure_fr=job.failure_fr or job.failure,
        errors=[row_error_view(e, language) for e in errors],
        report_url=f"/api/v1/imports/{job.id}/errors.csv",
        created_at=job.created_at,
        finished_at=job.finished_at,
    )


@router.get("/{import_id}/errors.csv", summary="the full per-row error report, as CSV")
def get_error_report(import_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> StreamingResponse:
    job = get_import(session=session, import_id=import_id, principal=principal)
    errors = import_errors(session, job)

    def lines() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(["ligne / line", "colonne / column", "motif", "reason"])
        for error in errors:
            cells = (error.column or "", error.reason_fr or error.reason, error.reason)
            writer.writerow([error.line, *(neutralised(cell) for cell in cells)])
        yield "\ufeff" + buffer.getvalue()

    return StreamingResponse(lines(), media_type=ERRORS_CSV, headers=download_headers(f"import-{job.id}-errors.csv"))
