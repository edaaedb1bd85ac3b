"""The debtor's responses API models: promises, disputes, call outcomes, opt-outs and payment plans."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
    PlainSerializer,
    model_validator,
)

from shared.events.dunning import DisputeCategory
from shared.i18n import BilingualValueError
from shared.limits import ClientDate, Prose, is_blank
from shared.money import Amount, format_amount, parse_amount

from dunning.domain.fields import ChannelName, check_template_source
from dunning.responses.proof_schemas import DisputeProofPublic

LARGEST_AMOUNT = Decimal("1000000000000")


def parse_promised_amount(value: object) -> Decimal:
    """A decimal string ("1200.50") or a Decimal, more than zero, in cents: refused in plain French and English."""
    if isinstance(value, float):
        raise BilingualValueError(
            'an amount is written as a string, such as "1200.00", never as a floating-point number',
            "un montant s'écrit entre guillemets, par exemple « 1200.00 », jamais comme un nombre à virgule flottante",
        )
    try:
        amount = parse_amount(value)
    except ValueError:
        shown = (value if isinstance(value, str) else repr(value))[:40]
        raise BilingualValueError(
            f'"{shown}" is not an amount: write it in figures with a decimal point, for example "1200.00"',
            f"« {shown} » n'est pas un montant : écrivez-le en chiffres avec un point décimal, par exemple « 1200.00 »",
        ) from None
    if amount <= 0:
        raise BilingualValueError(
            "the amount promised must be more than zero", "le montant promis doit être supérieur à zéro"
        )
    if amount >= LARGEST_AMOUNT:  # beyond the money columns (14 digits, 2 of them decimals)
        raise BilingualValueError(
            "the amount is too large (under one thousand billion)",
            "le montant est trop grand (moins de mille milliards)",
        )
    exponent = amount.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise BilingualValueError(
            "an amount has two decimals at most (euros and cents)",
            "un montant a deux décimales au plus (euros et centimes)",
        )
    return amount


PromisedAmount = Annotated[
    Decimal,
    BeforeValidator(parse_promised_amount),
    PlainSerializer(format_amount, return_type=str),
    Field(description='more than zero and no more than the case owes, as a decimal string such as "1200.00"'),
]


class PromiseIn(BaseModel):
    amount: PromisedAmount
    due_on: ClientDate = Field(description="today or later, within the next 30 days (docs/rules.md §9.3)")


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
    category: DisputeCategory | None = Field(
        default=None,
        description="a dispute's (kind dispute): what the debtor says is wrong: not_received (the goods or the "
        "service), not_compliant (not as agreed), wrong_amount, not_owed (an unknown invoice, another debtor), other",
    )

    @model_validator(mode="after")
    def _declared_with_its_kind(self) -> DisputeIn:
        if self.kind != "payment_declared" and (self.declared_amount is not None or self.declared_on is not None):
            raise BilingualValueError(
                "declared_amount and declared_on go with a declared payment (kind payment_declared)",
                "declared_amount et declared_on accompagnent un paiement déclaré (kind payment_declared)",
            )
        if self.kind == "payment_declared" and self.category is not None:
            raise BilingualValueError(
                "category goes with a dispute (kind dispute); a declared payment says when and how much instead",
                "category accompagne une contestation (kind dispute) ; un paiement déclaré dit quand et combien",
            )
        return self


class DisputeResolveIn(BaseModel):
    outcome: Literal["upheld", "cancelled"]
    note: Prose | None = Field(default=None, max_length=2000, description="staff's own note, kept in the audit trail")
    debtor_message: Prose | None = Field(
        default=None,
        max_length=2000,
        description="what the debtor reads with the outcome, in the e-mail sent at the next pass (none: the outcome "
        "alone, in the debtor's language)",
    )


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
    category: DisputeCategory | None = None
    debtor_message: str | None = Field(default=None, description="what staff wrote the debtor with the outcome")
    debtor_told_at: datetime | None = Field(default=None, description="when the debtor was told of the outcome")
    proof: DisputeProofPublic | None = Field(default=None, description="what answers it, and where that stands")


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
    dispute_category: DisputeCategory | None = Field(
        default=None, description="with outcome 'dispute': what the debtor said is wrong (as a dispute's `category`)"
    )


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
    proposed_by_debtor: bool = Field(
        default=False,
        description="the debtor proposed it on the self-service page (said by the platform's services only)",
    )


class PlanBoundsPublic(BaseModel):
    """What a payment plan for the case may be today, as `propose_plan` checks it: the debtor's page shows these
    figures above its form (and offers `most_instalments` rows) instead of wording of its own."""

    case_id: uuid.UUID
    as_of: date
    currency: str
    balance: Amount = Field(description="the balance due on the statement of account: the most a plan may cover")
    min_instalment: Amount
    fewest_instalments: int = Field(description="a plan has this many instalments at least (one is a promise)")
    max_instalments: int = Field(description="the mandate's most")
    most_instalments: int = Field(description="the most for this balance, each instalment at least the smallest")
    max_months: int
    last_due_on: date = Field(description="the day a plan proposed today ends by")
    possible: bool = Field(description="the balance allows two instalments at least; otherwise it is paid at once")


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
    note: str | None = Field(description="what was written with the proposal (the debtor's words, on its page)")
    proposed_by_debtor: bool = Field(default=False, description="the debtor proposed it on the self-service page")
    decision_note: str | None = Field(default=None, description="what the creditor wrote with its decision")
    agreed_on: date | None
    ended_on: date | None
    missed_due_on: date | None
    next_action: str | None
    instalments: list[InstalmentPublic]


class PlanDecisionIn(BaseModel):
    decision: Literal["approve", "refuse"]
    note: Prose | None = Field(default=None, max_length=2000)
