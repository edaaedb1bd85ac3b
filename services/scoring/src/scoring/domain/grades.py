"""Grade bands: the probability of recovery (0-1) read as a letter an agent and a creditor understand."""

from __future__ import annotations

from decimal import Decimal

GRADE_BANDS: tuple[tuple[str, Decimal], ...] = (
    ("A", Decimal("0.80")),
    ("B", Decimal("0.65")),
    ("C", Decimal("0.50")),
    ("D", Decimal("0.30")),
    ("E", Decimal("0")),
)
GRADES = tuple(grade for grade, _ in GRADE_BANDS)


def grade_for(probability: Decimal) -> str:
    """A from 0.80, B from 0.65, C from 0.50, D from 0.30, E below."""
    for grade, floor in GRADE_BANDS:
        if probability >= floor:
            return grade
    return "E"


def is_worse(grade: str, than: str) -> bool:
    return GRADES.index(grade) > GRADES.index(than)
