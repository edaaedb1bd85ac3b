"""The disputes still open, across cases: the agency's queue (every creditor's) and each creditor's own, the oldest
first. An open dispute holds every reminder of its case until staff resolve it, so a forgotten one is a case that
stopped: each says how many days it has been open and whether it is past the agency's target
(`DUNNING_DISPUTE_REVIEW_DAYS`), and whose move it is: the creditor's (it has neither answered nor filed a document
that answers it) or the agency's (the creditor answered, or filed such a document; staff decide)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, and_, func, not_
from sqlmodel import Session, col, select

from shared.clock import PARIS

from dunning.cases.models import DunningCase, DunningCreditor
from dunning.domain.dispute_proofs import FiledDocument
from dunning.domain.timetable import start_of
from dunning.responses.dispute_proofs import filed_documents, proof_public, proof_received
from dunning.responses.models import Dispute
from dunning.responses.schemas import DisputePublic

Awaiting = Literal["creditor", "agency"]


class OpenDispute(DisputePublic):
    creditor_id: uuid.UUID
    case_reference: str = Field(description="the creditor's reference of the case")
    creditor_name: str | None = Field(default=None, description="the creditor as dunning knows it (None: not yet)")
    days_open: int = Field(description="whole days since it was opened (Paris), 0 on its first day")
    late: bool = Field(description="open longer than the agency's target (`review_days`)")
    awaiting: Awaiting = Field(
        description="creditor: the creditor has neither answered it nor filed a document it asks for; agency: it "
        "did either, staff resolve it"
    )


class OpenDisputePage(BaseModel):
    items: list[OpenDispute]
    total: int = Field(description="open disputes the filters match")
    awaiting_creditor: int = Field(description="of the open disputes visible (whatever `awaiting`), those not answered")
    late: int = Field(description="of the open disputes visible (whatever `awaiting`), those past the target")
    review_days: int = Field(description="the agency's target for settling a dispute, in days")


def open_disputes(
    *,
    session: Session,
    creditor: uuid.UUID | None,
    awaiting: Awaiting | None,
    cases: Sequence[uuid.UUID] = (),
    today: date,
    review_days: int,
    offset: int,
    limit: int,
) -> OpenDisputePage:
    """`creditor` from the tenancy rule (`shared.tenancy.creditor_filter`): None, every creditor's; `cases`: only
    theirs (none: every case's)."""
    joined = col(DunningCase.case_id) == col(Dispute.case_id)
    visible: list[ColumnElement[bool]] = [col(Dispute.status) == "open"]
    if creditor is not None:
        visible.append(col(DunningCase.creditor_id) == creditor)
    if cases:
        visible.append(col(Dispute.case_id).in_(cases))
    unanswered = and_(col(Dispute.answered_at).is_(None), not_(proof_received()))  # the creditor's move still
    # late: opened before the first instant of the day `review_days` ago, as the items count their days
    late_before = start_of(today - timedelta(days=review_days))
    counts = select(func.count().filter(unanswered), func.count().filter(col(Dispute.opened_at) < late_before))
    waiting, late = session.exec(counts.select_from(Dispute).join(DunningCase, joined).where(*visible)).one()
    if awaiting is not None:
        visible.append(unanswered if awaiting == "creditor" else not_(unanswered))
    query = select(Dispute, DunningCase, DunningCreditor.name).join(DunningCase, joined).where(*visible)
    query = query.outerjoin(DunningCreditor, col(DunningCreditor.creditor_id) == col(DunningCase.creditor_id))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(col(Dispute.opened_at), col(Dispute.id)).offset(offset).limit(limit)).all()
    filed = filed_documents(session, [dispute.case_id for dispute, _, _ in rows])
    items = [
        _item(dispute, case, name, today, review_days, filed.get(case.case_id, [])) for dispute, case, name in rows
    ]
    return OpenDisputePage(items=items, total=total, awaiting_creditor=waiting, late=late, review_days=review_days)


def _item(
    dispute: Dispute, case: DunningCase, name: str | None, today: date, review_days: int, filed: list[FiledDocument]
) -> OpenDispute:
    days = (today - dispute.opened_at.astimezone(PARIS).date()).days
    proof = proof_public(dispute, filed)
    return OpenDispute.model_validate(
        {
            **dispute.model_dump(),
            "creditor_id": case.creditor_id,
            "case_reference": case.reference,
            "creditor_name": name,
            "days_open": days,
            "late": days > review_days,
            "awaiting": "creditor" if dispute.answered_at is None and proof.status != "received" else "agency",
            "proof": proof,
        }
    )
