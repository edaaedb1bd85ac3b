from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile, status
from fastapi.responses import StreamingResponse

from shared.deps import ClockDep, CreditorOrStaffDep, SessionDep
from shared.limits import MAX_PAGE_SIZE, LimitQuery, OffsetQuery

from intake.cases.documents import attach_document, get_document, list_documents
from intake.cases.schemas import DocumentPage, DocumentPublic
from intake.deps import SettingsDep, StoreDep
from intake.documents.downloads import download_headers
from intake.domain.filetypes import safe_filename

router = APIRouter(prefix="/api/v1/cases/{case_id}/documents", tags=["documents"])


@router.post("", status_code=status.HTTP_201_CREATED, summary="attach a document (type read from its content)")
def post_document(
    case_id: uuid.UUID,
    kind: Annotated[str, Form()],
    file: Annotated[UploadFile, File()],
    session: SessionDep,
    store: StoreDep,
    settings: SettingsDep,
    clock: ClockDep,
    principal: CreditorOrStaffDep,
) -> DocumentPublic:
    document = attach_document(
        session=session,
        store=store,
        case_id=case_id,
        kind=kind,
        source=file.file,
        filename=file.filename,
        max_bytes=settings.max_document_bytes,
        principal=principal,
        clock=clock,
    )
    return DocumentPublic.model_validate(document)


@router.get("", summary="the case's documents, oldest first")
def get_documents(
    case_id: uuid.UUID,
    session: SessionDep,
    principal: CreditorOrStaffDep,
    offset: OffsetQuery = 0,
    limit: LimitQuery = MAX_PAGE_SIZE,
) -> DocumentPage:
    items, total = list_documents(session=session, case_id=case_id, principal=principal, offset=offset, limit=limit)
    return DocumentPage(items=[DocumentPublic.model_validate(d) for d in items], total=total)


@router.get("/{document_id}/content", summary="download a document")
def get_content(
    case_id: uuid.UUID, document_id: uuid.UUID, session: SessionDep, store: StoreDep, principal: CreditorOrStaffDep
) -> StreamingResponse:
    document = get_document(session=session, case_id=case_id, document_id=document_id, principal=principal)
    # Names stored before uploads were reduced to a base name are reduced here.
    name = safe_filename(document.filename) or f"{document.kind}-{document.id}"
    return StreamingResponse(
        store.open(document.sha256), media_type=document.media_type, headers=download_headers(name)
    )
