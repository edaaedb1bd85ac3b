"""Whether a creditor's mandate pre-approves legal escalation."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from shared.deps import ClockDep, CreditorOrStaffDep, SessionDep

from legal.deps import SupervisorDep
from legal.procedures.schemas import EscalationPolicyIn, EscalationPolicyPublic
from legal.procedures.service.policies import read_policy, set_policy

router = APIRouter(prefix="/api/v1/legal/creditors/{creditor_id}/escalation", tags=["legal proposals"])


@router.get("", summary="whether the creditor's mandate pre-approves going to court when dunning runs out")
def get_escalation(
    creditor_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep
) -> EscalationPolicyPublic:
    return read_policy(session=session, creditor_id=creditor_id, principal=principal)


@router.put("", summary="record the mandate's pre-approval of legal escalation (supervisor, admin)")
def put_escalation(
    creditor_id: uuid.UUID,
    policy_in: EscalationPolicyIn,
    session: SessionDep,
    clock: ClockDep,
    supervisor: SupervisorDep,
) -> EscalationPolicyPublic:
    return set_policy(session=session, creditor_id=creditor_id, policy_in=policy_in, principal=supervisor, clock=clock)
