"""Credit insurance routes: the policy, threat-of-loss declarations and claims, alerts. Thin: parse, call one
service function, commit, answer."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Query

from shared.deps import ClockDep, CreditorOrStaffDep, SessionDep, StaffDep
from shared.i18n import negotiate
from shared.limits import LimitQuery, OffsetQuery

from legal.insurance import alerts, claim_steps, claims, policies
from legal.insurance.schemas import AlertPage, ClaimIn, ClaimList, ClaimPublic, ClaimStepIn, PolicyIn, PolicyPublic

router = APIRouter(prefix="/api/v1/legal", tags=["legal credit insurance"])
AcceptLanguage = Annotated[str | None, Header(include_in_schema=False)]


@router.put(
    "/creditors/{creditor_id}/insurance-policy",
    summary="enter or replace the creditor's credit-insurance policy (insurer, limit per buyer, days to declare a "
    "threat of loss, indemnity percentage, waiting period)",
)
def put_policy(
    creditor_id: uuid.UUID, policy_in: PolicyIn, session: SessionDep, clock: ClockDep, staff: StaffDep
) -> PolicyPublic:
    policy = policies.put_policy(
        session=session, creditor_id=creditor_id, policy_in=policy_in, principal=staff, clock=clock
    )
    session.commit()
    return policies.policy_public(session, policy)


@router.get("/creditors/{creditor_id}/insurance-policy", summary="the creditor's credit-insurance policy")
def get_policy(creditor_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> PolicyPublic:
    policy = policies.get_policy(session=session, creditor_id=creditor_id, principal=principal)
    return policies.policy_public(session, policy)


@router.post(
    "/cases/{case_id}/insurance-claims",
    status_code=201,
    summary="declare the case's threat of loss to the creditor's insurer (refused once the policy's deadline "
    "has passed)",
)
def open_claim(
    case_id: uuid.UUID, session: SessionDep, clock: ClockDep, staff: StaffDep, claim_in: ClaimIn | None = None
) -> ClaimPublic:
    claim = claims.open_claim(
        session=session, case_id=case_id, claim_in=claim_in or ClaimIn(), principal=staff, clock=clock
    )
    session.commit()
    return claims.claim_public(session, claim)


@router.get("/cases/{case_id}/insurance-claims", summary="the case's insurance claims, each with its steps")
def list_claims(case_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> ClaimList:
    return claims.list_claims(session=session, case_id=case_id, principal=principal)


@router.get("/cases/{case_id}/insurance-claims/{insurance_claim_id}", summary="one insurance claim with its steps")
def get_claim(
    case_id: uuid.UUID, insurance_claim_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep
) -> ClaimPublic:
    claim = claims.visible_claim(session, case_id, insurance_claim_id, principal)
    return claims.claim_public(session, claim)


@router.post(
    "/cases/{case_id}/insurance-claims/{insurance_claim_id}/events",
    summary="record a step of the claim: documents sent, accepted, refused, paid (with the amount: intake records "
    "the indemnity as a payment), withdrawn",
)
def post_claim_step(
    case_id: uuid.UUID,
    insurance_claim_id: uuid.UUID,
    step_in: ClaimStepIn,
    session: SessionDep,
    clock: ClockDep,
    staff: StaffDep,
) -> ClaimPublic:
    claim = claim_steps.record_step(
        session=session, case_id=case_id, claim_id=insurance_claim_id, step_in=step_in, principal=staff, clock=clock
    )
    session.commit()
    return claims.claim_public(session, claim)


@router.get(
    "/insurance/alerts",
    summary="open alerts of insured creditors' cases: threat-of-loss declarations coming up or missed, indemnities "
    "awaited, scoring's exposure alerts (raised by the daily pass)",
)
def get_alerts(
    session: SessionDep,
    principal: CreditorOrStaffDep,
    accept_language: AcceptLanguage = None,
    creditor_id: Annotated[uuid.UUID | None, Query()] = None,
    offset: OffsetQuery = 0,
    limit: LimitQuery = 50,
) -> AlertPage:
    return alerts.list_alerts(
        session=session,
        principal=principal,
        creditor_id=creditor_id,
        language=negotiate(accept_language),
        offset=offset,
        limit=limit,
    )
