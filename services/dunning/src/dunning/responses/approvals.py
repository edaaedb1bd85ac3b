"""What waits for a creditor's decision, across its cases: the payment plans proposed to it and the settlements below
its mandate's floor. Each case's page has the buttons; this is the list a creditor works through (and the agency
chases), the oldest first, with how many days each has waited. The reminders go on while a decision waits, so a
forgotten one costs the debtor's goodwill, and a settlement past its day can no longer be approved."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field
from sqlmodel import Session, col, func, select

from shared.clock import PARIS
from shared.money import Amount

from dunning.cases.models import DunningCase, DunningCreditor
from dunning.responses.models import PaymentPlan, PlanInstalment
from dunning.responses.plan_views import DEBTOR
from dunning.responses.settlement_models import Settlement


class Approval(BaseModel):
    kind: Literal["plan", "settlement"]
    id: uuid.UUID = Field(description="the plan's or the settlement's id, for its case's decision route")
    case_id: uuid.UUID
    case_reference: str
    creditor_id: uuid.UUID
    creditor_name: str | None
    proposed_at: datetime
    days_waiting: int = Field(description="whole days since it was put to the creditor (Paris), 0 on its first day")
    by_debtor: bool = Field(description="a plan the debtor proposed on its page")
    amount: Amount = Field(description="the plan's total, or the settlement's amount")
    balance: Amount = Field(description="the balance due when it was proposed")
    currency: str
    instalments: int | None = Field(description="a plan's number of instalments")
    first_due_on: date | None = Field(description="a plan's first instalment; it cannot be approved once passed")
    pay_by: date | None = Field(description="a settlement's day; it cannot be approved once passed")
    note: str | None


class ApprovalPage(BaseModel):
    items: list[Approval]
    total: int = Field(description="decisions waiting that the filter matches")


def waiting_approvals(
    *, session: Session, creditor: uuid.UUID | None, today: date, offset: int, limit: int
) -> ApprovalPage:
    """`creditor` from the tenancy rule (`shared.tenancy.creditor_filter`): None, every creditor's. A plan whose first
    instalment passed, or a settlement whose day passed, waits no more: it is left out (a new one is to be made)."""
    visible = [col(DunningCase.creditor_id) == creditor] if creditor is not None else []
    first_due = (
        select(PlanInstalment.plan_id, func.min(PlanInstalment.due_on).label("first"), func.count().label("count"))
        .group_by(col(PlanInstalment.plan_id))
        .subquery()
    )
    plans = session.exec(
        select(PaymentPlan, first_due.c.first, first_due.c.count)
        .join(DunningCase, col(DunningCase.case_id) == col(PaymentPlan.case_id))
        .join(first_due, first_due.c.plan_id == col(PaymentPlan.id))
        .where(PaymentPlan.status == "proposed", first_due.c.first >= today, *visible)
    ).all()
    settlements = session.exec(
        select(Settlement)
        .join(DunningCase, col(DunningCase.case_id) == col(Settlement.case_id))
        .where(Settlement.status == "to_approve", col(Settlement.pay_by) >= today, *visible)
    ).all()
    ids = {plan.case_id for plan, _, _ in plans} | {settlement.case_id for settlement in settlements}
    cases = {case.case_id: case for case in session.exec(select(DunningCase).where(col(DunningCase.case_id).in_(ids)))}
    names = dict(
        session.exec(
            select(DunningCreditor.creditor_id, DunningCreditor.name).where(
                col(DunningCreditor.creditor_id).in_({case.creditor_id for case in cases.values()})
            )
        ).all()
    )

    def waited(at: datetime) -> int:
        return (today - at.astimezone(PARIS).date()).days

    items = [
        Approval(
            kind="plan",
            id=plan.id,
            case_id=plan.case_id,
            case_reference=cases[plan.case_id].reference,
            creditor_id=cases[plan.case_id].creditor_id,
            creditor_name=names.get(cases[plan.case_id].creditor_id),
            proposed_at=plan.proposed_at,
            days_waiting=waited(plan.proposed_at),
            by_debtor=plan.proposed_by == DEBTOR,
            amount=plan.total,
            balance=plan.balance,
            currency=plan.currency,
            instalments=count,
            first_due_on=first,
            pay_by=None,
            note=plan.note,
        )
        for plan, first, count in plans
    ] + [
        Approval(
            kind="settlement",
            id=settlement.id,
            case_id=settlement.case_id,
            case_reference=cases[settlement.case_id].reference,
            creditor_id=cases[settlement.case_id].creditor_id,
            creditor_name=names.get(cases[settlement.case_id].creditor_id),
            proposed_at=settlement.offered_at,
            days_waiting=waited(settlement.offered_at),
            by_debtor=False,
            amount=settlement.amount,
            balance=settlement.balance,
            currency=settlement.currency,
            instalments=None,
            first_due_on=None,
            pay_by=settlement.pay_by,
            note=settlement.note,
        )
        for settlement in settlements
    ]
    items.sort(key=lambda item: (item.proposed_at, str(item.id)))
    return ApprovalPage(items=items[offset : offset + limit], total=len(items))
