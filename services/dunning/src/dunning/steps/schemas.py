"""The steps and phone tasks API's models."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

WaitReason = Literal["window", "weekly_cap", "call", "reply"]
"""Why the preparing pass moved a due step (`dunning.outbound.holds`)."""


class StepWaitPublic(BaseModel):
    reason: WaitReason = Field(
        description="why the step was moved instead of sent on its day: outside its channel's hours (or a Sunday, a "
        "public holiday), the debtor's weekly contact cap reached, the debtor reached by phone, or an e-mail the "
        "debtor wrote to us (docs/rules.md §9.2)"
    )
    since: datetime | None = Field(
        default=None,
        description="the call or the reply that holds it; for the cap, the oldest contact of the last 7 days, which "
        "stops counting at the step's new time",
    )


class StepPublic(BaseModel):
    id: uuid.UUID | None
    step: str
    channel: str
    template: str
    due_at: datetime
    status: str
    executed_at: datetime | None = None
    message_id: uuid.UUID | None = None
    note: str | None = None
    overdue: bool = Field(
        default=False,
        description="a scheduled step whose time has come: it goes out at the next pass (within its channel's "
        "hours) while the case is active, or as soon as its pause ends",
    )
    held_until: date | None = Field(
        default=None,
        description="a scheduled step a promise holds past its own day: the day it goes out if the promise is not "
        "kept (a payment that keeps the promise resumes the reminders at once)",
    )
    waiting: StepWaitPublic | None = Field(
        default=None, description="a scheduled step moved to its `due_at` instead of sent on its day: why"
    )


class StepPage(BaseModel):
    case_id: uuid.UUID
    status: str
    scenario: str
    promise_resumes_on: date | None = Field(
        default=None,
        description="a case paused by a promise: the day the reminders resume if it is not kept (its day plus the "
        "grace days, docs/rules.md §9.3)",
    )
    items: list[StepPublic]


class PhoneTaskPublic(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str | None = Field(default=None, description="the creditor's reference of the case")
    due_at: datetime
    status: str
    outcome: str | None
    note: str | None
    done_at: datetime | None
    callback_phone: str | None = Field(
        default=None, description="a call-back the debtor asked for: the number to call (E.164); None: the scenario's"
    )
    callback_until: datetime | None = Field(default=None, description="a call-back's slot ends then (due_at its start)")


class PhoneTaskPage(BaseModel):
    items: list[PhoneTaskPublic]
    total: int
