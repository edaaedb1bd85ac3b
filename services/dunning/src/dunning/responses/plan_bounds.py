"""What a payment plan for a case may be today, for whoever is about to propose one: the debtor's page shows it
above its form. The bounds are the creditor's mandate's (`PlanPolicy.under`); the balance due is read from intake's
statement of account as `propose_plan` reads it, so that the figure shown and the figure checked are one."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from shared.auth import Principal
from shared.clock import Clock, today_in_paris

from dunning.cases.cases import visible_case
from dunning.cases.composing import BalanceDue
from dunning.cases.models import DunningCreditor
from dunning.domain.instalments import (
    FEWEST_INSTALMENTS,
    last_due_day,
    most_instalments,
    plan_possible,
    smallest_instalment,
)
from dunning.responses.plan_policy import PlanPolicy
from dunning.responses.schemas import PlanBoundsPublic


def plan_bounds(
    *,
    session: Session,
    case_id: uuid.UUID,
    policy: PlanPolicy,
    balance_due: BalanceDue,
    principal: Principal,
    clock: Clock,
) -> PlanBoundsPublic:
    case = visible_case(session, case_id, principal)
    policy = policy.under(session.get(DunningCreditor, case.creditor_id))
    today = today_in_paris(clock)
    balance = balance_due(case, today)
    return PlanBoundsPublic(
        case_id=case.case_id,
        as_of=today,
        currency=case.currency,
        balance=balance,
        min_instalment=smallest_instalment(policy.bounds),
        fewest_instalments=FEWEST_INSTALMENTS,
        max_instalments=policy.bounds.max_instalments,
        most_instalments=most_instalments(balance, policy.bounds),
        max_months=policy.bounds.max_months,
        last_due_on=last_due_day(today, policy.bounds),
        possible=plan_possible(balance, policy.bounds),
    )
