"""A dispute's proof in the API: the documents that answer it, where that stands, and staff's judgement."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

from shared.limits import Prose

from dunning.domain.dispute_proofs import ProofStatus


class ProofDocumentPublic(BaseModel):
    document_id: uuid.UUID = Field(description="the document in intake (`GET /api/v1/cases/{case_id}/documents`)")
    kind: str
    filename: str | None = None
    attached_at: datetime


class DisputeProofPublic(BaseModel):
    """What answers the dispute and where it stands (`dunning.domain.dispute_proofs`)."""

    required: list[str] = Field(description="the document kinds (intake's) any one of which answers it; none: none")
    status: ProofStatus = Field(
        description="not_required | requested (none of those kinds filed) | received (one filed) | insufficient "
        "(staff judged those filed not enough; a new one of those kinds makes it received again)"
    )
    documents: list[ProofDocumentPublic] = Field(description="the case's documents of those kinds, the oldest first")
    insufficient_at: datetime | None = Field(default=None, description="when staff last judged them not enough")
    insufficient_note: str | None = Field(
        default=None, description="what staff said was missing (the creditor read it)"
    )


class ProofInsufficientIn(BaseModel):
    """Staff's judgement that the documents filed for a dispute do not answer it: what is missing, for the creditor."""

    note: Prose = Field(min_length=3, max_length=2000)
