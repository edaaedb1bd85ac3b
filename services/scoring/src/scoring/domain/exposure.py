"""Credit-insurance monitoring: a debtor's exposure against its insurer's limit and grade.

Insurer grades run from 1 (best) to 10 (worst), the scale of the main French credit insurers; a limit
of 0 means cover was refused.
"""

from __future__ import annotations

from decimal import Decimal

LIMIT_EXCEEDED = "limit_exceeded"
GRADE_FELL = "grade_fell"


def exposure_alert(
    *, exposure: Decimal, limit: Decimal | None, grade: int | None, previous_grade: int | None
) -> str | None:
    """Why the debtor needs attention, or None. Passing the limit outranks a falling grade."""
    if limit is not None and exposure > limit:
        return LIMIT_EXCEEDED
    if grade is not None and previous_grade is not None and grade > previous_grade:
        return GRADE_FELL
    return None


def should_alert(*, current: str | None, previous: str | None) -> bool:
    """Alert once when a debtor enters (or changes) an alert state, not on every rescoring."""
    return current is not None and current != previous
