"""Whether a creditor's mandate pre-approves legal escalation (staff record it from the signed mandate): its cases
whose dunning runs out then go to court without waiting for a supervisor."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.tenancy import creditor_filter

from legal.procedures.models import EscalationPolicy
from legal.procedures.schemas import EscalationPolicyIn, EscalationPolicyPublic


def read_policy(*, session: Session, creditor_id: uuid.UUID, principal: Principal) -> EscalationPolicyPublic:
    creditor_filter(principal, creditor_id)  # a creditor reads its own only (404 for another)
    policy = session.get(EscalationPolicy, creditor_id)
    if policy is None:
        return EscalationPolicyPublic(
            creditor_id=creditor_id, preapproved=False, kind="injonction_de_payer", updated_at=None, updated_by=None
        )
    return EscalationPolicyPublic.model_validate(policy, from_attributes=True)


def set_policy(
    *, session: Session, creditor_id: uuid.UUID, policy_in: EscalationPolicyIn, principal: Principal, clock: Clock
) -> EscalationPolicyPublic:
    policy = session.get(EscalationPolicy, creditor_id, with_for_update=True) or EscalationPolicy(
        creditor_id=creditor_id, updated_by=principal.subject
    )
    policy.preapproved, policy.kind = policy_in.preapproved, policy_in.kind
    policy.updated_at, policy.updated_by = clock.now(), principal.subject
    session.add(policy)
    audit(
        session,
        actor=principal,
        action="legal.escalation_policy_set",
        entity="creditor",
        entity_id=creditor_id,
        clock=clock,
        preapproved=policy_in.preapproved,
        kind=policy_in.kind,
    )
    session.commit()
    return EscalationPolicyPublic.model_validate(policy, from_attributes=True)
