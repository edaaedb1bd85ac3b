"""The payments debtors declared on their page and staff have not yet found: matched by the back-office with the
suspense queue's bank credits (the portal's *Paiements en suspens*)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import func
from sqlmodel import col, select

from shared.deps import SessionDep, StaffDep

from dunning.cases.models import DunningCase
from dunning.responses.models import Dispute
from dunning.responses.schemas import DeclaredPaymentPublic

router = APIRouter(prefix="/api/v1/dunning/declared-payments", tags=["dunning disputes"])


class DeclaredPaymentPage(BaseModel):
    items: list[DeclaredPaymentPublic]
    total: int


@router.get("", summary="payments debtors declared, still open, oldest first (their amount and day given)")
def list_declared_payments(
    session: SessionDep,
    staff: StaffDep,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> DeclaredPaymentPage:
    query = (
        select(Dispute, DunningCase.reference, DunningCase.currency)
        .join(DunningCase, col(DunningCase.case_id) == col(Dispute.case_id))
        .where(
            Dispute.status == "open",
            Dispute.kind == "payment_declared",
            col(Dispute.declared_amount).is_not(None),
            col(Dispute.declared_on).is_not(None),
        )
    )
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(col(Dispute.opened_at), col(Dispute.id)).offset(offset).limit(limit)).all()
    items = [
        DeclaredPaymentPublic(
            dispute_id=dispute.id,
            case_id=dispute.case_id,
            case_reference=reference,
            declared_amount=dispute.declared_amount,
            currency=currency,
            declared_on=dispute.declared_on,
            opened_at=dispute.opened_at,
        )
        for dispute, reference, currency in rows
    ]
    return DeclaredPaymentPage(items=items, total=total)
