"""The disputes still open across cases (`dunning.responses.dispute_queue`): the agency's queue, every creditor's,
and a creditor's own, the oldest first; a case's own disputes are under the case (`routes.cases`)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request

from shared.clock import today_in_paris
from shared.deps import ClockDep, CreditorOrStaffDep, SessionDep
from shared.tenancy import creditor_filter

from dunning.responses.dispute_queue import Awaiting, OpenDisputePage, open_disputes
from dunning.responses.dispute_summary import DisputeSummary, dispute_summary

router = APIRouter(prefix="/api/v1/dunning/disputes", tags=["dunning cases"])


@router.get(
    "",
    summary="the disputes still open, the oldest first, each with its days open, whether it is late, and whose move "
    "it is (the creditor's answer, or the agency's decision)",
)
def list_open_disputes(
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    principal: CreditorOrStaffDep,
    creditor_id: uuid.UUID | None = None,
    awaiting: Annotated[
        Awaiting | None,
        Query(description="creditor: only those its creditor has not answered; agency: only those answered"),
    ] = None,
    case_id: Annotated[
        list[uuid.UUID] | None,
        Query(
            max_length=100, description="only these cases' (repeat it, at most 100): which of a page's cases are held"
        ),
    ] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> OpenDisputePage:
    return open_disputes(
        session=session,
        creditor=creditor_filter(principal, creditor_id),
        awaiting=awaiting,
        cases=case_id or [],
        today=today_in_paris(clock),
        review_days=request.app.state.dispute_review_days,
        offset=offset,
        limit=limit,
    )


@router.get(
    "/summary",
    summary="disputes by what the debtors said was wrong: opened, still open, settled with the claim maintained or "
    "cancelled, the average days to settle, and how often the creditor's documents were judged not enough",
)
def summarise_disputes(
    session: SessionDep, principal: CreditorOrStaffDep, creditor_id: uuid.UUID | None = None
) -> DisputeSummary:
    return dispute_summary(session=session, creditor=creditor_filter(principal, creditor_id))
