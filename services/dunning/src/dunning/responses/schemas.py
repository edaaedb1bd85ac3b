"""The debtor's responses API models: promises, disputes, call outcomes, opt-outs and payment plans."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, model_validator

from shared.i18n import BilingualValueError
from shared.limits import ClientDate, Prose, is_blank
from shared.money import Amount

from dunning.domain.fields import ChannelName, check_template_source


class PromiseIn(BaseModel):
    amount: Amount = Field(gt=Decimal("0"))
    due_on: date


class PromisePublic(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    amount: Amount
    currency: str
    due_on: date
    status: str
    paid: Amount
    made_at: datetime
    settled_on: date | None


DisputeKind = Literal["dispute", "payment_declared"]


class DisputeIn(BaseModel):
    reason: Prose = Field(min_length=3, max_length=2000)
    kind: DisputeKind = Field(
        default="dispute",
        description="dispute: the debtor contests the claim; payment_declared: the debtor says a payment was already "
        "made (its day, amount and means in `reason`). Either holds the reminders until it is resolved.",
    )
    declared_amount: Amount | None = Field(
        default=None, gt=Decimal("0"), description="a declared payment's amount, as the debtor gives it"
    )
    declared_on: ClientDate | None = Field(default=None, description="a declared payment's day (today or before)")

    @model_validator(mode="after")
    def _declared_with_its_kind(self) -> DisputeIn:
        if self.kind != "payment_declared" and (self.declared_amount is not None or self.declared_on is not None):
            raise BilingualValueError(
                "declared_amount and declared_on go with a declared payment (kind payment_declared)",
                "declared_amount et declared_on accompagnent un paiement déclaré (kind payment_declared)",
            )
        return self


class DisputeResolveIn(BaseModel):
    outcome: Literal["upheld", "cancelled"]
    note: Prose | None = Field(default=None, max_length=2000)


def check_visible_text(value: str) -> str:
    if is_blank(value):
        raise BilingualValueError(
            "is empty once invisible characters are removed", "est vide une fois les caractères invisibles retirés"
        )
    return value


class DisputeAnswerIn(BaseModel):
    """The creditor's answer to the debtor's dispute: its own words, kept as written."""

    text: Annotated[
        str,
        Field(min_length=1, max_length=4000),
        AfterValidator(check_template_source),
        AfterValidator(check_visible_text),
    ]


class DisputePublic(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    reason: str
    kind: str = "dispute"
    status: str
    outcome: str | None
    opened_at: datetime
    resolved_at: datetime | None
    creditor_answer: str | None = None
    answered_at: datetime | None = None
    declared_amount: Amount | None = None
    declared_on: date | None = None


class DeclaredPaymentPublic(BaseModel):
    """A payment a debtor declared, not yet found: what staff match with the suspense queue's bank credits."""

    dispute_id: uuid.UUID
    case_id: uuid.UUID
    case_reference: str
    declared_amount: Amount
    currency: str = Field(description="the case's currency (ISO 4217): the one the amount declared is in")
    declared_on: date
    opened_at: datetime


class CallOutcomeIn(BaseModel):
    outcome: Literal["reached", "promise", "dispute", "wrong_number", "refused", "no_answer"]
    note: Prose | None = Field(default=None, max_length=2000)
    promise: PromiseIn | None = Field(default=None, description="with outcome 'promise'")
    dispute_reason: Prose | None = Field(default=None, max_length=2000, description="with outcome 'dispute'")


class OptOutIn(BaseModel):
    channel: ChannelName


class OptOutPublic(BaseModel):
    debtor_id: uuid.UUID
    channel: str
    at: datetime


class InstalmentIn(BaseModel):
    due_on: ClientDate
    amount: Amount


class PlanIn(BaseModel):
    """The bounds (number, duration, smallest instalment, total within the balance) are the mandate's: checked by
    the service, which names the field out of bounds."""

    instalments: list[InstalmentIn] = Field(max_length=120)
    submit_to_creditor: bool = Field(
        default=False, description="put the plan to the creditor for approval instead of agreeing it now"
    )
    note: Prose | None = Field(default=None, max_length=2000)


class InstalmentPublic(BaseModel):
    position: int
    due_on: date
    amount: Amount
    paid: Amount
    paid_on: date | None


class PlanPublic(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    status: str
    total: Amount
    paid: Amount
    currency: str
    balance: Amount
    grace_days: int
    escalates: bool
    proposed_at: datetime
    decided_at: datetime | None
    note: str | None
    agreed_on: date | None
    ended_on: date | None
    missed_due_on: date | None
    next_action: str | None
    instalments: list[InstalmentPublic]


class PlanDecisionIn(BaseModel):
    decision: Literal["approve", "refuse"]
    note: Prose | None = Field(default=None, max_length=2000)
