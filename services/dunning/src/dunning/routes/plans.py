"""A case's payment plans (échéanciers): staff enter them, the creditor approves or refuses a proposal."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request

from shared.deps import ClockDep, CreditorOrStaffDep, SessionDep, StaffDep

from dunning.responses import payment_plans, plan_views
from dunning.responses.debtor_notices import DebtorNotices
from dunning.responses.plan_bounds import plan_bounds
from dunning.responses.plan_policy import plan_policy
from dunning.responses.schemas import PlanBoundsPublic, PlanDecisionIn, PlanIn, PlanPublic

router = APIRouter(prefix="/api/v1/dunning/cases/{case_id}/plans", tags=["dunning payment plans"])


@router.post(
    "",
    status_code=201,
    summary="enter a payment plan within the mandate's bounds: agreed now (the scenario waits while it is kept), "
    "or put to the creditor",
)
def propose_plan(
    case_id: uuid.UUID, plan_in: PlanIn, request: Request, session: SessionDep, clock: ClockDep, staff: StaffDep
) -> PlanPublic:
    state = request.app.state
    plan = payment_plans.propose_plan(
        session=session,
        case_id=case_id,
        plan_in=plan_in,
        policy=plan_policy(state.runtime.settings),
        balance_due=state.case_facts.balance_due,
        notices=_notices(request),
        principal=staff,
        clock=clock,
    )
    session.commit()
    return plan_views.plan_public(session, plan)


@router.get(
    "/bounds",
    summary="what a payment plan for the case may be today: the mandate's bounds, and the balance due on the "
    "statement of account that its instalments may not exceed",
)
def read_plan_bounds(
    case_id: uuid.UUID, request: Request, session: SessionDep, clock: ClockDep, principal: CreditorOrStaffDep
) -> PlanBoundsPublic:
    state = request.app.state
    return plan_bounds(
        session=session,
        case_id=case_id,
        policy=plan_policy(state.runtime.settings),
        balance_due=state.case_facts.balance_due,
        principal=principal,
        clock=clock,
    )


@router.get("", summary="the case's payment plans, with each instalment and what was paid towards it")
def list_plans(case_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> list[PlanPublic]:
    return plan_views.list_plans(session=session, case_id=case_id, principal=principal)


@router.post(
    "/{plan_id}/decision",
    summary="the creditor approves or refuses a proposed plan; the debtor is told by e-mail, with the schedule or the "
    "creditor's answer",
)
def decide_plan(
    case_id: uuid.UUID,
    plan_id: uuid.UUID,
    decision_in: PlanDecisionIn,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    principal: CreditorOrStaffDep,
) -> PlanPublic:
    plan = payment_plans.decide_plan(
        session=session,
        case_id=case_id,
        plan_id=plan_id,
        decision_in=decision_in,
        notices=_notices(request),
        principal=principal,
        clock=clock,
    )
    session.commit()
    return plan_views.plan_public(session, plan)


def _notices(request: Request) -> DebtorNotices:
    state = request.app.state
    return DebtorNotices(settings=state.runtime.settings, contact_of=state.case_facts.debtor_contact)
