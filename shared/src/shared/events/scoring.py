"""Events of scoring: debtor grades, case priorities, credit-insurance exposure."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from shared.events.base import Event
from shared.money import Amount


class DebtorScored(Event):
    """Published when a debtor's grade changes (not on every rescoring)."""

    type = "recouvra.scoring.debtor.scored.v1"
    topic = "scoring.scores"

    debtor_id: str
    probability: Decimal  # 0-1, four places, serialised as a decimal string ("0.7312")
    grade: str  # A..E
    previous_grade: str | None = None
    model_version: str


class CasePrioritized(Event):
    """Published when a case changes priority band."""

    type = "recouvra.scoring.case.prioritized.v1"
    topic = "scoring.scores"

    case_id: str
    creditor_id: str
    priority: int
    band: str
    previous_band: str | None = None


class ExposureAlerted(Event):
    type = "recouvra.scoring.exposure.alerted.v1"
    topic = "scoring.scores"

    debtor_id: str
    exposure: Amount
    limit: Amount | None = None
    grade: str | None = None  # our A-E grade of the debtor
    insurer_grade: int | None = None  # the credit insurer's grade, where it supplied one
    reason: Literal["limit_exceeded", "grade_fell"]
