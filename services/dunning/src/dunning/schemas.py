"""Dunning's API models."""

from __future__ import annotations

import unicodedata
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field

from shared.i18n import BilingualValueError
from shared.limits import ClientDate, Prose, is_blank
from shared.money import Amount

ChannelName = Literal["email", "sms", "letter", "registered_letter", "phone", "formal_notice"]
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def check_template_source(value: str) -> str:
    """A creditor's template: any length a letter needs, line breaks and tabs, but no other control character and
    no bidirectional override (the rules of `shared.limits` for prose, without its 2,000 characters)."""
    for char in value:
        if (unicodedata.category(char) == "Cc" and char not in "\t\n\r") or char in _BIDI_CONTROLS:
            raise BilingualValueError(
                f"contains a control or bidirectional character (U+{ord(char):04X}); write plain text",
                f"contient un caractère de contrôle ou de direction d'écriture (U+{ord(char):04X}) ; "
                "écrivez du texte simple",
            )
    return value


TemplateSource = Annotated[str, Field(min_length=1, max_length=100_000), AfterValidator(check_template_source)]


class ConditionsModel(BaseModel):
    kinds: list[Literal["b2b", "b2c"]] = Field(default_factory=list, max_length=2)
    grades: list[Literal["A", "B", "C", "D", "E"]] = Field(default_factory=list, max_length=5)
    min_amount: Amount | None = None
    max_amount: Amount | None = None


class StepModel(BaseModel):
    code: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9][a-z0-9-]*$", examples=["email-1"])
    channel: ChannelName
    template: str = Field(min_length=1, max_length=60, pattern=r"^[a-z0-9][a-z0-9-]*$", examples=["email-courteous"])
    offset_days: int = Field(ge=0, le=3650, description="days after the due date, or after the previous step")
    anchor: Literal["due", "previous"] = "due"
    conditions: ConditionsModel = Field(default_factory=ConditionsModel)


class ScenarioIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    steps: list[StepModel] = Field(min_length=1, max_length=30)
    exhaust_after_days: int = Field(default=15, ge=0, le=3650)


class ScenarioPublic(ScenarioIn):
    code: str
    version: int
    updated_at: datetime | None
    updated_by: str | None


class ScenarioPage(BaseModel):
    items: list[ScenarioPublic]
    total: int


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


class StepPage(BaseModel):
    case_id: uuid.UUID
    status: str
    scenario: str
    items: list[StepPublic]


class PreviewItem(BaseModel):
    step: str
    channel: str
    template: str
    due_at: datetime
    language: str
    subject: str
    text: str
    compliant: bool
    missing_mentions: list[str]


class PreviewPage(BaseModel):
    case_id: uuid.UUID
    scenario: str
    items: list[PreviewItem]


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


class DisputeIn(BaseModel):
    reason: Prose = Field(min_length=3, max_length=2000)


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
    status: str
    outcome: str | None
    opened_at: datetime
    resolved_at: datetime | None
    creditor_answer: str | None = None
    answered_at: datetime | None = None


class PhoneTaskPublic(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    due_at: datetime
    status: str
    outcome: str | None
    note: str | None
    done_at: datetime | None


class PhoneTaskPage(BaseModel):
    items: list[PhoneTaskPublic]
    total: int


class CallOutcomeIn(BaseModel):
    outcome: Literal["reached", "promise", "dispute", "wrong_number", "refused", "no_answer"]
    note: Prose | None = Field(default=None, max_length=2000)
    promise: PromiseIn | None = Field(default=None, description="with outcome 'promise'")
    dispute_reason: Prose | None = Field(default=None, max_length=2000, description="with outcome 'dispute'")


class MessagePublic(BaseModel):
    id: uuid.UUID
    audience: str
    channel: str
    template: str
    language: str
    subject: str
    status: str
    content_sha256: str
    first_contact: bool
    prepared_at: datetime
    sent_at: datetime | None
    delivered_at: datetime | None
    acknowledged_on: date | None
    has_document: bool


class MessagePage(BaseModel):
    items: list[MessagePublic]
    total: int


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


class TemplateOverrideIn(BaseModel):
    subject: Annotated[str, Field(min_length=1, max_length=1000), AfterValidator(check_template_source)]
    text: TemplateSource
    html: TemplateSource | None = Field(default=None, description="left out: the default HTML is kept")
    creditor_id: uuid.UUID | None = Field(default=None, description="staff name the creditor; creditors leave it out")


class TemplateOverridePublic(BaseModel):
    creditor_id: uuid.UUID
    template: str
    language: str
    subject: str
    text: str
    html: str | None
    updated_at: datetime


class TemplateOverridePage(BaseModel):
    items: list[TemplateOverridePublic]
    total: int
