"""The preview API's models: the messages a case's scenario would send, when, and why it waits if it does."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, Field


class PreviewItem(BaseModel):
    step: str
    channel: str
    template: str
    due_at: datetime = Field(
        description="when the step would go out: the scenario's spacing counted from the day the step before it "
        "goes out (from the due date for the first), moved to its channel's allowed hours, as the scheduler does"
    )
    language: str = Field(description="the language the debtor receives the message in (fr | en)")
    subject: str
    text: str
    compliant: bool
    missing_mentions: list[str]


class PreviewPause(BaseModel):
    """Why the scenario waits, and when it goes on."""

    reason: str = Field(description="promise (a promise to pay) | plan (a payment plan runs) | dispute (held)")
    resumes_on: date | None = Field(
        default=None,
        description="the day the scenario goes on if nothing changes: after a promise's grace days if it is not "
        "kept, after the grace days of the earliest unpaid instalment of a plan; none for a dispute (staff resolve "
        "it: the items then count from today, at the earliest)",
    )
    then: str = Field(
        default="resume",
        description="resume (the items go out from `resumes_on` on) | legal (a missed instalment sends the case "
        "to legal: nothing more goes out)",
    )
    promise_amount: Decimal | None = None
    promise_due_on: date | None = None
    currency: str | None = None


class PreviewPage(BaseModel):
    case_id: uuid.UUID
    scenario: str
    status: str = Field(
        default="active",
        description="dunning's status of the case: active | promise | plan | dispute | exhausted | "
        "legal | closed; nothing goes out of the last three",
    )
    language: str = Field(default="fr", description="the language the debtor receives the messages in")
    pause: PreviewPause | None = None
    items: list[PreviewItem]
