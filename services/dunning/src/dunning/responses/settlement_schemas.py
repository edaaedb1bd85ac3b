"""The settlements API models (`responses.settlements`)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from shared.limits import ClientDate, Prose
from shared.money import Amount

from dunning.responses.schemas import PromisedAmount


class SettlementIn(BaseModel):
    amount: PromisedAmount = Field(description="less than the balance due on the statement of account today")
    pay_by: ClientDate = Field(description="today or later, within the next 30 days (docs/rules.md §9.6)")
    note: Prose | None = Field(default=None, max_length=2000, description="for the creditor, when it must approve")


class SettlementDecisionIn(BaseModel):
    decision: Literal["approve", "refuse"]
    answer: Prose | None = Field(default=None, max_length=2000, description="the creditor's words")


class SettlementAcceptIn(BaseModel):
    by_debtor: bool = Field(
        default=False,
        description="accepted on the debtor's own page (only the platform's portal says so); otherwise a member of "
        "staff records the debtor's word, given to them",
    )


class SettlementPublic(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    status: str = Field(
        description="to_approve | offered | accepted | honoured | lapsed | refused | withdrawn | expired (offered, "
        "or awaiting approval, and its day passed)"
    )
    amount: Amount
    currency: str
    balance: Amount = Field(description="the balance due when it was offered")
    given_up: Amount = Field(description="what the creditor gives up, as offered")
    pay_by: date
    within_mandate: bool
    note: str | None
    offered_at: datetime
    decided_at: datetime | None
    answer: str | None
    accepted_at: datetime | None
    accepted_by_debtor: bool
    paid: Amount = Field(description="paid towards it since it was accepted")
    ended_on: date | None
