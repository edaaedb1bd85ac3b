"""Payment plans as they are read: the instalments of a plan, who proposed it (the debtor, on its page, or whoever
entered it), and a plan or a case's plans as the API answers them."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlmodel import Session, col, select

from shared.auth import Principal, Role
from shared.errors import Forbidden

from dunning.cases.cases import visible_case
from dunning.responses.models import PaymentPlan, PlanInstalment
from dunning.responses.schemas import InstalmentPublic, PlanIn, PlanPublic


def instalments_of(session: Session, plan_id: uuid.UUID) -> list[PlanInstalment]:
    return list(
        session.exec(
            select(PlanInstalment).where(PlanInstalment.plan_id == plan_id).order_by(col(PlanInstalment.position))
        ).all()
    )


DEBTOR = "debtor"


def proposer(plan_in: PlanIn, principal: Principal) -> str:
    """Who the plan is recorded as proposed by: the debtor, when the debtor's page says so (only the platform's
    services speak for the debtor's page); else whoever entered it."""
    if not plan_in.proposed_by_debtor:
        return principal.subject
    if principal.role is not Role.SERVICE:
        raise Forbidden(
            "only the debtor's own page records a plan as the debtor's",
            field="proposed_by_debtor",
            message_fr="seule la page du débiteur enregistre un échéancier comme le sien",
        )
    return DEBTOR


def plan_public(session: Session, plan: PaymentPlan) -> PlanPublic:
    instalments = instalments_of(session, plan.id)
    return PlanPublic.model_validate(
        {
            **plan.model_dump(),
            "proposed_by_debtor": plan.proposed_by == DEBTOR,
            "paid": sum((i.paid for i in instalments), Decimal("0.00")),
            "instalments": [InstalmentPublic.model_validate(i.model_dump()) for i in instalments],
        }
    )


def list_plans(*, session: Session, case_id: uuid.UUID, principal: Principal) -> list[PlanPublic]:
    case = visible_case(session, case_id, principal)
    plans = session.exec(
        select(PaymentPlan).where(PaymentPlan.case_id == case.case_id).order_by(col(PaymentPlan.proposed_at))
    ).all()
    return [plan_public(session, plan) for plan in plans]
