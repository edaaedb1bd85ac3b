"""Which model scores now: the active fitted scorecard, else the expert scorecard (the fallback)."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Protocol

from sqlmodel import Session

from shared.plain_reads import plain_rows

from scoring.domain import expert
from scoring.domain.inputs import Assessment, ScoringInputs
from scoring.scorecard.model import Scorecard


class Scorer(Protocol):
    def assess(self, inputs: ScoringInputs) -> Assessment: ...


class ExpertScorer:
    version = expert.VERSION

    def assess(self, inputs: ScoringInputs) -> Assessment:
        return expert.assess(inputs)


EXPERT = ExpertScorer()


def active_scorer(session: Session) -> Scorer:
    """Read at each rescoring (a scorecard trained or activated meanwhile scores the next one): the definition as
    text, one plain statement (`shared.plain_reads`), and the scorecard built once per definition."""
    session.flush()  # a model version the session holds, visible to the plain read
    rows = plain_rows(session, _ACTIVE, {})
    return _scorecard(rows[0][0]) if rows else EXPERT


_ACTIVE = "SELECT definition::text FROM model_versions WHERE active ORDER BY trained_at DESC LIMIT 1"


@lru_cache(maxsize=8)
def _scorecard(definition: str) -> Scorecard:
    """Keyed by the definition itself: a version's name repeats from one database to another (tests)."""
    return Scorecard.from_dict(json.loads(definition))
