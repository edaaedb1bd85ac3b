"""What the scoring API returns. Amounts are decimal strings; probabilities are decimal strings with four places."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from shared.money import Amount

from scoring.domain import disclosure
from scoring.domain.aging import AgedBalance
from scoring.domain.explanations import explained
from scoring.domain.text import check_label
from scoring.models import Score


class BucketPublic(BaseModel):
    label: str
    amount: Amount
    count: int


class AmountCount(BaseModel):
    amount: Amount
    count: int


class AgedBalancePublic(BaseModel):
    as_of: date
    currency: str = "EUR"  # ISO 4217: every amount of the answer is in it; other currencies are not converted
    creditor_id: str | None = None
    debtor_id: str | None = None
    buckets: list[BucketPublic]
    not_due: AmountCount
    total: Amount

    @classmethod
    def of(cls, balance: AgedBalance, *, currency: str, **scope: str | None) -> AgedBalancePublic:
        return cls(
            as_of=balance.as_of,
            currency=currency,
            buckets=[BucketPublic(label=b.label, amount=b.amount, count=b.count) for b in balance.buckets],
            not_due=AmountCount(amount=balance.not_due.amount, count=balance.not_due.count),
            total=balance.total,
            **scope,
        )


class DebtorAgedBalancePublic(AgedBalancePublic):
    name: str


class AgedBalanceByDebtorPublic(BaseModel):
    """A page of debtors (`offset`, `limit`); `total` adds up and `debtors` counts every debtor, not the page's."""

    as_of: date
    currency: str = "EUR"
    items: list[DebtorAgedBalancePublic]
    total: Amount
    debtors: int


class ReasonPublic(BaseModel):
    code: str
    factor: str
    value: Any
    contribution: str  # log-odds points: positive raises the chance of recovery
    text: str
    label_fr: str
    label_en: str
    effect: Literal["raises", "lowers", "neutral"]
    points: int  # scorecard points: 20 double the odds of recovery


class ScorePublic(BaseModel):
    score_id: int
    debtor_id: str
    case_id: str | None = None
    probability: Decimal
    grade: str
    reasons: list[ReasonPublic]
    model_version: str
    scored_at: datetime

    @classmethod
    def of(cls, score: Score, *, for_creditor: bool = False) -> ScorePublic:
        """`for_creditor`: the reasons a creditor may read (see domain.disclosure); staff read them all."""
        reasons = disclosure.for_creditor(score.reasons, subject=score.subject) if for_creditor else score.reasons
        return cls(
            score_id=score.id or 0,
            debtor_id=str(score.debtor_id),
            case_id=str(score.case_id) if score.case_id else None,
            probability=score.probability,
            grade=score.grade,
            reasons=[ReasonPublic(**explained(r)) for r in reasons],
            model_version=score.model_version,
            scored_at=score.scored_at,
        )


class ScoreDetailPublic(ScorePublic):
    inputs: dict[str, Any]

    @classmethod
    def of(cls, score: Score, *, for_creditor: bool = False) -> ScoreDetailPublic:
        """Staff only: the inputs are the debtor's whole portfolio."""
        return cls(**ScorePublic.of(score).model_dump(), inputs=score.inputs)


class ScoreHistoryPublic(BaseModel):
    items: list[ScoreDetailPublic]


class CaseScorePublic(ScorePublic):
    priority: int | None
    band: str | None


class WorklistItem(BaseModel):
    case_id: str
    reference: str
    creditor_id: str
    debtor_id: str
    debtor_name: str
    priority: int
    band: str | None
    probability: Decimal | None
    grade: str | None
    outstanding: Amount
    currency: str
    oldest_due_date: date | None
    days_past_due: int
    bucket: str
    agent: str | None
    exposure_alert: str | None  # staff only: it reflects what the debtor owes every creditor


class WorklistPublic(BaseModel):
    items: list[WorklistItem]
    total: int
    page: int
    page_size: int


class AssignmentIn(BaseModel):
    agent: str | None = Field(description="1 to 120 characters, no control characters; null to unassign")

    @field_validator("agent")
    @classmethod
    def agent_is_a_name(cls, value: str | None) -> str | None:
        return None if value is None else check_label(value, field="agent")


class ModelPublic(BaseModel):
    version: str
    kind: str
    trained_at: datetime | None
    training_rows: int
    metrics: dict[str, Any]
    active: bool


class ModelsPublic(BaseModel):
    items: list[ModelPublic]
    in_use: str


class LineErrorPublic(BaseModel):
    line: int
    column: str
    reason: str


class ImportReportPublic(BaseModel):
    rows: int
    accepted: int
    rejected: int
    errors: list[LineErrorPublic]


class RescorePublic(BaseModel):
    debtors: int
