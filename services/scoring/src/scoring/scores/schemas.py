"""What the scores API returns. Probabilities are decimal strings with four places."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel

from scoring.domain import disclosure
from scoring.domain.explanations import explained
from scoring.scores.models import Score


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


class RescorePublic(BaseModel):
    debtors: int
