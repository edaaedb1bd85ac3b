"""A dispute's proof (`dunning.domain.dispute_proofs`): the documents filed with each case, as intake's events name
them, read against what each dispute's category asks for (staff's judgement that they are not enough:
`proof_judgements`)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import ColumnElement, and_, or_
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, col, select

from shared.events.intake_documents import DocumentAttached

from dunning.domain.dispute_proofs import PROOFS, FiledDocument, Proof, proof_of
from dunning.responses.models import CaseDocument, Dispute
from dunning.responses.proof_schemas import DisputeProofPublic
from dunning.responses.schemas import DisputePublic


def record_document(session: Session, event: DocumentAttached) -> None:
    """Once per document, whatever the order: a document of a case dunning does not know yet is kept all the same
    (the case's validation may come after it on another partition of the story)."""
    row = {
        "document_id": uuid.UUID(event.document_id),
        "case_id": uuid.UUID(event.case_id),
        "kind": event.kind,
        "filename": event.filename,
        "attached_at": event.attached_at,
    }
    session.execute(insert(CaseDocument).values(**row).on_conflict_do_nothing(index_elements=["document_id"]))


def filed_documents(session: Session, case_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[FiledDocument]]:
    """The documents filed with each of the cases, in one read."""
    found: dict[uuid.UUID, list[FiledDocument]] = defaultdict(list)
    if not case_ids:
        return found
    rows = session.exec(select(CaseDocument).where(col(CaseDocument.case_id).in_(list(set(case_ids)))))
    for row in rows:
        found[row.case_id].append(FiledDocument(row.document_id, row.kind, row.filename, row.attached_at))
    return found


def proof(dispute: Dispute, filed: Sequence[FiledDocument]) -> Proof:
    return proof_of(
        kind=dispute.kind, category=dispute.category, filed=filed, insufficient_at=dispute.proof_insufficient_at
    )


def proof_public(dispute: Dispute, filed: Sequence[FiledDocument]) -> DisputeProofPublic:
    found = proof(dispute, filed)
    return DisputeProofPublic.model_validate(
        {
            "required": list(found.required),
            "status": found.status,
            "documents": [document.__dict__ for document in found.documents],
            "insufficient_at": dispute.proof_insufficient_at,
            "insufficient_note": dispute.proof_insufficient_note,
        }
    )


def proof_received() -> ColumnElement[bool]:
    """In SQL, what `proof_of` says is `received`: a document of a kind the dispute's category asks for is filed with
    its case, after staff's last judgement if any (the kinds read from the one table, `PROOFS`)."""
    asked = or_(
        *(
            and_(col(Dispute.category) == category, col(CaseDocument.kind).in_(kinds))
            for category, kinds in PROOFS.items()
        )
    )
    newer = or_(
        col(Dispute.proof_insufficient_at).is_(None),
        col(CaseDocument.attached_at) > col(Dispute.proof_insufficient_at),
    )
    filed = select(CaseDocument.document_id).where(col(CaseDocument.case_id) == col(Dispute.case_id), asked, newer)
    return and_(col(Dispute.kind) == "dispute", filed.exists())


def disputes_public(session: Session, disputes: Sequence[Dispute]) -> list[DisputePublic]:
    """The disputes as the API gives them, each with its proof (the cases' documents read once)."""
    filed = filed_documents(session, [dispute.case_id for dispute in disputes])
    return [
        DisputePublic.model_validate(
            {**dispute.model_dump(), "proof": proof_public(dispute, filed.get(dispute.case_id, []))}
        )
        for dispute in disputes
    ]
