"""Escalation proposals: the supervisors' queue, and refusing one (approving is opening the procedure)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from shared.deps import ClockDep, CreditorOrStaffDep, SessionDep
from shared.limits import LimitQuery, OffsetQuery

from legal.deps import DeciderDep
from legal.procedures.schemas import ProposalPage, ProposalPublic, RefusalIn
from legal.procedures.service.proposals import list_proposals, refuse_proposal
from legal.procedures.service.views import proposal_public

router = APIRouter(prefix="/api/v1/legal/proposals", tags=["legal proposals"])

ProposalStatus = Literal["proposed", "closing_proposed", "approved", "refused", "withdrawn"]


@router.get("", summary="proposals, latest exhaustion first (filter by status: proposed, closing_proposed ...)")
def get_proposals(
    session: SessionDep,
    principal: CreditorOrStaffDep,
    status: Annotated[ProposalStatus | None, Query()] = None,
    offset: OffsetQuery = 0,
    limit: LimitQuery = 50,
) -> ProposalPage:
    items, total = list_proposals(session=session, principal=principal, status=status, offset=offset, limit=limit)
    return ProposalPage(items=[proposal_public(p) for p in items], total=total)


@router.post(
    "/{proposal_id}/refusal",
    summary="refuse a pending proposal, saying why (to approve one, open the procedure on its case)",
    responses={409: {"description": "the proposal was decided already"}},
)
def post_refusal(
    proposal_id: uuid.UUID, refusal_in: RefusalIn, session: SessionDep, clock: ClockDep, decider: DeciderDep
) -> ProposalPublic:
    proposal = refuse_proposal(
        session=session, proposal_id=proposal_id, reason=refusal_in.reason, principal=decider, clock=clock
    )
    return proposal_public(proposal)
