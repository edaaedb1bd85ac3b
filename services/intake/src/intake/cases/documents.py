"""Documents of a case: stored by content (SHA-256), typed from their content, size-limited, tenant-scoped."""

from __future__ import annotations

import uuid
from typing import BinaryIO, cast, get_args

from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.events.intake_documents import DocumentAttached, DocumentKind
from shared.outbox import record_event

from intake.api.paging import page_of
from intake.cases.lifecycle import record_checklist
from intake.cases.records import get_case
from intake.documents.models import Document
from intake.documents.storage import DocumentStore, TooLarge
from intake.domain.filetypes import detect_media_type, refusal_reasons, safe_filename, text_media_type
from intake.domain.lifecycle import CHECKLIST_OPEN, EVIDENCE
from intake.errors import DocumentNotFound, InvalidDocument, TransitionRefused, field_error

KINDS: tuple[str, ...] = get_args(DocumentKind)
SNIFF_BYTES = 8192


def attach_document(
    *,
    session: Session,
    store: DocumentStore,
    case_id: uuid.UUID,
    kind: str,
    source: BinaryIO,
    filename: str | None,
    max_bytes: int,
    principal: Principal,
    clock: Clock,
) -> Document:
    case = get_case(session=session, case_id=case_id, principal=principal)
    if case.status == "closed":
        raise TransitionRefused(
            "this case is closed; documents can no longer be added",
            message_fr="ce dossier est clos ; on ne peut plus y ajouter de documents",
        )
    if kind not in KINDS:
        raise field_error(
            InvalidDocument,
            "kind",
            f"'{kind}' is not a document kind; use one of {', '.join(KINDS)}",
            f"« {kind} » n'est pas un type de document ; utilisez l'un de : {', '.join(KINDS)}",
        )
    filename = safe_filename(filename)  # never a path: "../../etc/passwd.pdf" is kept as "passwd.pdf"
    head = source.read(SNIFF_BYTES)
    source.seek(0)
    if not head:
        raise field_error(InvalidDocument, "file", "the file is empty", "le fichier est vide")
    media_type = detect_media_type(head)
    if (reasons := refusal_reasons(filename, media_type)) is not None:
        raise field_error(InvalidDocument, "file", *reasons)
    if media_type == "text/plain":
        text = text_media_type(source, filename=filename, limit=max_bytes)
        if isinstance(text, tuple):
            raise field_error(InvalidDocument, "file", *text)
        media_type = text
    try:
        sha256, size = store.put_stream(source, max_bytes=max_bytes)
    except TooLarge as exc:
        raise field_error(
            InvalidDocument, "file", str(exc), f"le fichier dépasse la taille autorisée de {exc.limit // (1 << 20)} Mo"
        ) from exc
    document = Document(
        case_id=case.id,
        kind=kind,
        sha256=sha256,
        media_type=media_type or "application/octet-stream",
        size=size,
        filename=filename,
        uploaded_by=principal.subject,
        uploaded_at=clock.now(),
    )
    session.add(document)
    record_event(
        session,
        DocumentAttached(
            case_id=str(case.id),
            creditor_id=str(case.creditor_id),
            document_id=str(document.id),
            kind=cast(DocumentKind, kind),  # checked against KINDS above, DocumentKind's own list
            filename=filename,
            attached_at=document.uploaded_at,
        ),
        clock=clock,
        subject=str(case.id),
        tenant=str(case.creditor_id),
    )
    audit(
        session,
        actor=principal,
        action="document.attached",
        entity="case",
        entity_id=case.id,
        clock=clock,
        kind=kind,
        sha256=sha256,
        filename=filename,
    )
    item = EVIDENCE.get(kind)
    if item is not None and case.status in CHECKLIST_OPEN and not getattr(case, item):
        record_checklist(session, case, {item: True}, principal=principal, clock=clock, evidenced_by=str(document.id))
    session.commit()
    return document


def list_documents(
    *, session: Session, case_id: uuid.UUID, principal: Principal, offset: int, limit: int
) -> tuple[list[Document], int]:
    case = get_case(session=session, case_id=case_id, principal=principal)
    query = select(Document).where(Document.case_id == case.id).order_by(col(Document.uploaded_at), col(Document.id))
    return page_of(session, query, offset=offset, limit=limit)


def get_document(*, session: Session, case_id: uuid.UUID, document_id: uuid.UUID, principal: Principal) -> Document:
    case = get_case(session=session, case_id=case_id, principal=principal)
    document = session.get(Document, document_id)
    if document is None or document.case_id != case.id:
        raise DocumentNotFound(
            f"no document {document_id} in this case", message_fr=f"aucun document {document_id} dans ce dossier"
        )
    return document
