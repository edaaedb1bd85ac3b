"""Which model scores now: the active fitted scorecard, else the expert scorecard (the fallback)."""

from __future__ import annotations

from typing import Protocol

from sqlmodel import Session, col, select

from scoring.domain import expert
from scoring.domain.inputs import Assessment, ScoringInputs
from scoring.scorecard.model import Scorecard
from scoring.scorecard.models import ModelVersion


class Scorer(Protocol):
    def assess(self, inputs: ScoringInputs) -> Assessment: ...


class ExpertScorer:
    version = expert.VERSION

    def assess(self, inputs: ScoringInputs) -> Assessment:
        return expert.assess(inputs)


EXPERT = ExpertScorer()


def active_scorer(session: Session) -> Scorer:
    row = session.exec(
        select(ModelVersion).where(col(ModelVersion.active)).order_by(col(ModelVersion.trained_at).desc())
    ).first()
    return Scorecard.from_dict(row.definition) if row is not None else EXPERT
