"""API models of credit insurance: the policy, claims and their steps, alerts."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.money import Amount

from legal.insurance.api_types import Day, Name, Note, Percentage, PositiveMoney, Reference


class PolicyIn(BaseModel):
    insurer_id: uuid.UUID = Field(description="a partner of kind insurer")
    policy_number: Name = Field(max_length=80, examples=["AT-2026-004512"])
    buyer_limit: PositiveMoney | None = Field(
        default=None,
        description="the policy's cover per buyer (the loss counts up to it); the insurer's limits on named "
        "buyers are scoring's (GET /api/v1/debtors/{id}/score and its exposure alerts)",
    )
    currency: Literal["EUR"] = "EUR"
    declaration_days: int = Field(
        ge=1, le=365, examples=[60], description="days after the oldest unpaid due date to declare a threat of loss"
    )
    indemnity_percentage: Percentage = Field(description="share of the loss the insurer pays (quotité garantie)")
    waiting_days: int = Field(
        ge=0, le=730, examples=[90], description="waiting period (délai de carence) from the due date"
    )


class PolicyPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    creditor_id: uuid.UUID
    insurer_id: uuid.UUID
    insurer_name: str
    policy_number: str
    buyer_limit: Amount | None
    currency: str
    declaration_days: int
    indemnity_percentage: Decimal
    waiting_days: int
    updated_at: datetime
    updated_by: str


class ClaimIn(BaseModel):
    declared_on: Day | None = Field(
        default=None, description="when the declaration reached the insurer (today when left out)"
    )
    declared_amount: PositiveMoney | None = Field(
        default=None,
        description="the loss declared (excl. VAT where the policy covers amounts excl. VAT); the case's unpaid "
        "amount when left out",
    )
    insurer_reference: Reference | None = None


ClaimStepType = Literal["documents_sent", "accepted", "refused", "paid", "withdrawn"]


class ClaimStepIn(BaseModel):
    type: ClaimStepType
    occurred_on: Day
    amount: PositiveMoney | None = Field(default=None, description="the indemnity paid: required with `paid`")
    reference: Reference | None = Field(default=None, description="the insurer's reference of the step")
    note: Note | None = None


class ClaimStepPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    step: str
    occurred_on: date
    amount: Amount | None
    reference: str | None
    note: str | None
    recorded_at: datetime
    recorded_by: str


class ClaimPublic(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    creditor_id: uuid.UUID
    insurer_id: uuid.UUID
    policy_number: str
    state: str
    oldest_due_date: date
    deadline: date = Field(description="last day to declare the threat of loss")
    declared_on: date
    indemnity_due_from: date = Field(description="end of the waiting period")
    declared_amount: Amount
    expected_indemnity: Amount = Field(description="the policy's percentage of the loss, up to the buyer limit")
    currency: str
    insurer_reference: str | None
    indemnity_paid: Amount | None
    paid_on: date | None
    steps: list[ClaimStepPublic]


class ClaimList(BaseModel):
    items: list[ClaimPublic]


class AlertPublic(BaseModel):
    id: uuid.UUID
    creditor_id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    kind: str = Field(description="declaration_due | declaration_missed | indemnity_awaited | exposure")
    due_on: date | None
    raised_on: date
    message: str


class AlertPage(BaseModel):
    items: list[AlertPublic]
    total: int
