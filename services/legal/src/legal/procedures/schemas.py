"""What the procedures' routes accept and return."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field

from shared.i18n import BilingualValueError
from shared.limits import DateText, Prose, Text, decimal_text
from shared.money import Amount

FIRST_DAY, LAST_DAY = date(1990, 1, 1), date(2100, 12, 31)


def _in_range(value: date) -> date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise BilingualValueError(
            f"{value.isoformat()} is outside the dates we accept (1990-01-01 to 2100-12-31)",
            f"{value.isoformat()} est hors des dates acceptées (du 1990-01-01 au 2100-12-31)",
        )
    return value


def _bounded(value: Decimal) -> Decimal:
    if not Decimal("0") < value <= Decimal("999999999999.99"):
        raise BilingualValueError(
            f"{value} is not a positive amount of at most 999 999 999 999.99",
            f"{value} n'est pas un montant positif d'au plus 999 999 999 999.99",
        )
    return value


Day = Annotated[date, DateText, AfterValidator(_in_range)]
"""A business date written YYYY-MM-DD, between 1990-01-01 and 2100-12-31."""
Money = Annotated[Amount, decimal_text(places=2), AfterValidator(_bounded)]

KindName = Literal["injonction_de_payer", "small_claims"]
StepName = Literal["filed", "granted", "rejected", "served", "opposed", "enforceable", "enforcement", "closed"]


class ProcedureIn(BaseModel):
    kind: KindName = Field(description="injonction_de_payer (payment order, any amount) or small_claims (≤ 5,000 EUR)")
    note: Prose | None = Field(default=None, max_length=2000)


class ProcedureEventIn(BaseModel):
    type: StepName
    occurred_on: Day = Field(description="the day it happened: the order's date, the day of service ...")
    note: Prose | None = Field(default=None, max_length=2000)


class CourtPublic(BaseModel):
    kind: str
    name: str
    name_en: str
    place: str | None
    rule: str
    rule_fr: str = Field(description="the same, in French")


class DeadlinePublic(BaseModel):
    kind: str = Field(description="service | opposition | debtor_answer")
    due_on: date
    rule: str = Field(description="how the date was computed (art. 640 to 642 CPC)")
    rule_fr: str = Field(description="the same, in French")
    status: str = Field(description="open | met | passed")


class StepPublic(BaseModel):
    state: str
    occurred_on: date
    recorded_by: str
    recorded_at: datetime
    note: str | None


class ExhibitPublic(BaseModel):
    number: int
    label: str
    label_en: str
    source: str
    attached: bool = Field(
        default=False,
        description="the document itself follows the request in its PDF (PDF documents and PNG or JPEG images); "
        "otherwise it is listed only, to be handed over separately",
    )


class RequestFilePublic(BaseModel):
    as_of: date
    generated_at: datetime
    exhibits: list[ExhibitPublic]
    missing: list[str] = Field(description="what a judge will expect and the case's file lacks")
    url: str


class ProcedurePublic(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    creditor_id: uuid.UUID
    kind: str
    state: str
    court: CourtPublic
    claimed: Amount | None
    currency: str
    opened_on: date
    approved_by: str
    deadlines: list[DeadlinePublic]
    steps: list[StepPublic]
    next_steps: list[str] = Field(
        description="the steps that may be recorded next, in the lifecycle's order (empty once closed)"
    )
    request: RequestFilePublic | None = Field(description="None until the request file is generated")


class ProcedurePage(BaseModel):
    items: list[ProcedurePublic]


class ProposalPublic(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    creditor_id: uuid.UUID
    status: str = Field(description="proposed | closing_proposed | approved | refused | withdrawn")
    scenario: str
    exhausted_on: date
    balance: Amount | None
    procedure_id: uuid.UUID | None
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str | None


class ProposalPage(BaseModel):
    items: list[ProposalPublic]
    total: int


class RefusalIn(BaseModel):
    reason: Prose = Field(min_length=1, max_length=2000)


class EscalationPolicyIn(BaseModel):
    preapproved: bool = Field(description="the mandate pre-approves legal escalation: exhausted cases go to court")
    kind: KindName = "injonction_de_payer"


class EscalationPolicyPublic(BaseModel):
    creditor_id: uuid.UUID
    preapproved: bool
    kind: str
    updated_at: datetime | None
    updated_by: str | None


class DuePublic(BaseModel):
    case_id: uuid.UUID
    creditor_id: uuid.UUID
    reference: str
    procedure_id: uuid.UUID | None
    kind: str = Field(
        description="service | opposition | debtor_answer | prescription | case_closed | insolvency_stay | "
        "claim_declaration"
    )
    due_on: date
    rule: str
    rule_fr: str = Field(description="the same, in French")


class DuePage(BaseModel):
    items: list[DuePublic]


class AlertPublic(DuePublic):
    id: uuid.UUID
    raised_on: date
    resolved_on: date | None


class AlertPage(BaseModel):
    items: list[AlertPublic]


class InsolvencyClaimIn(BaseModel):
    status: Literal["declared", "admitted", "contested", "rejected", "paid"]
    occurred_on: Day
    amount: Money | None = Field(default=None, description="declared, admitted or paid (required for those)")
    reference: Annotated[Text, Field(min_length=1, max_length=120)] | None = Field(
        default=None, description="the administrator's payment reference: the same reference twice is one payment"
    )


class ClaimStepPublic(BaseModel):
    status: str
    occurred_on: date
    amount: Amount | None
    reference: str | None


class InsolvencyClaimPublic(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    creditor_id: uuid.UUID
    status: str
    claim_deadline: date | None
    declared_on: date | None
    declared: Amount | None
    admitted: Amount | None
    paid: Amount
    currency: str
    steps: list[ClaimStepPublic]
