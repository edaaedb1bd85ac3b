"""A creditor's credit-insurance policy: staff enter it (PUT replaces it), the creditor reads its own."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.tenancy import check_visible

from legal.domain.insurance import PolicyTerms
from legal.errors import PolicyNotFound
from legal.insurance.api_types import fields_of
from legal.insurance.models import InsurancePolicy
from legal.insurance.partners import partner_name, partner_of_kind
from legal.insurance.schemas import PolicyIn, PolicyPublic


def put_policy(
    *, session: Session, creditor_id: uuid.UUID, policy_in: PolicyIn, principal: Principal, clock: Clock
) -> InsurancePolicy:
    partner_of_kind(session, policy_in.insurer_id, "insurer", field="insurer_id")
    policy = session.get(InsurancePolicy, creditor_id) or InsurancePolicy(
        creditor_id=creditor_id,
        insurer_id=policy_in.insurer_id,
        policy_number=policy_in.policy_number,
        declaration_days=policy_in.declaration_days,
        indemnity_percentage=policy_in.indemnity_percentage,
        waiting_days=policy_in.waiting_days,
        updated_by=principal.subject,
    )
    policy.sqlmodel_update(fields_of(policy_in))
    policy.updated_at, policy.updated_by = clock.now(), principal.subject
    session.add(policy)
    audit(
        session,
        actor=principal,
        action="insurance_policy.saved",
        entity="creditor",
        entity_id=creditor_id,
        clock=clock,
        **{key: str(value) for key, value in fields_of(policy_in).items()},
    )
    return policy


def get_policy(*, session: Session, creditor_id: uuid.UUID, principal: Principal) -> InsurancePolicy:
    check_visible(principal, missing=lambda: PolicyNotFound(creditor_id), creditor_id=creditor_id)
    policy = session.get(InsurancePolicy, creditor_id)
    if policy is None:
        raise PolicyNotFound(creditor_id)
    return policy


def policy_terms(policy: InsurancePolicy) -> PolicyTerms:
    return PolicyTerms(
        declaration_days=policy.declaration_days,
        indemnity_percentage=policy.indemnity_percentage,
        waiting_days=policy.waiting_days,
        buyer_limit=policy.buyer_limit,
    )


def policy_public(session: Session, policy: InsurancePolicy) -> PolicyPublic:
    return PolicyPublic.model_validate(
        {**policy.model_dump(), "insurer_name": partner_name(session, policy.insurer_id)}
    )
