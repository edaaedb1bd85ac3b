"""Documents filed before intake said so: each is announced once (`document.attached`), as an upload now is, so that
dunning can read a dispute's proof from them. A document whose event is already in the outbox (its upload's, or an
earlier run's) is left out: run it again, it announces nothing twice. `python -m intake announce-documents`."""

from __future__ import annotations

from typing import cast as typed_as

from sqlalchemy import Engine, String, cast, exists
from sqlmodel import Session, col, select

from shared.clock import Clock
from shared.events.intake_documents import DocumentAttached, DocumentKind
from shared.outbox import OutboxMessage, record_event

from intake.cases.models import Case
from intake.documents.models import Document

BATCH = 500  # documents announced in one transaction


def announce_documents(*, engine: Engine, clock: Clock) -> int:
    """How many documents were announced."""
    told = exists().where(
        col(OutboxMessage.event_type) == DocumentAttached.type,
        col(OutboxMessage.envelope)["data"]["document_id"].astext == cast(col(Document.id), String),
    )
    announced = 0
    while True:
        with Session(engine) as session, session.begin():
            rows = session.exec(
                select(Document, Case.creditor_id)
                .join(Case, col(Case.id) == col(Document.case_id))
                .where(~told)
                .order_by(col(Document.uploaded_at), col(Document.id))
                .limit(BATCH)
            ).all()
            for document, creditor_id in rows:
                event = DocumentAttached(
                    case_id=str(document.case_id),
                    creditor_id=str(creditor_id),
                    document_id=str(document.id),
                    kind=typed_as(DocumentKind, document.kind),
                    filename=document.filename,
                    attached_at=document.uploaded_at,
                )
                record_event(session, event, clock=clock, subject=str(document.case_id), tenant=str(creditor_id))
        announced += len(rows)
        if len(rows) < BATCH:
            return announced
