"""What waits for a creditor's decision across its cases (`dunning.responses.approvals`): payment plans proposed to
it and settlements below its mandate's floor; a creditor sees its own, staff every creditor's or one's."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from shared.clock import today_in_paris
from shared.deps import ClockDep, CreditorOrStaffDep, SessionDep
from shared.tenancy import creditor_filter

from dunning.responses.approvals import ApprovalPage, waiting_approvals

router = APIRouter(prefix="/api/v1/dunning/approvals", tags=["dunning payment plans"])


@router.get(
    "",
    summary="the payment plans and settlements waiting for the creditor's decision, the oldest first, each with its "
    "days waiting (one whose first instalment or day to pay by passed waits no more)",
)
def list_waiting_approvals(
    session: SessionDep,
    clock: ClockDep,
    principal: CreditorOrStaffDep,
    creditor_id: uuid.UUID | None = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> ApprovalPage:
    return waiting_approvals(
        session=session,
        creditor=creditor_filter(principal, creditor_id),
        today=today_in_paris(clock),
        offset=offset,
        limit=limit,
    )
