"""Disputes by what the debtors said was wrong: how many were opened, are still open, were settled with the claim
maintained or cancelled (the debtor was right), how long settling took, and how often the creditor's documents were
judged not enough. For a creditor, what its own processes can fix (deliveries that go missing, prices that do not
match the order); for the agency, every creditor's or one's. One grouped read."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import Date, case, cast, func, literal, select
from sqlmodel import Session, col

from shared.events.dunning import DISPUTE_CATEGORIES

from dunning.cases.models import DunningCase
from dunning.responses.models import Dispute

UNSPECIFIED, DECLARED = "unspecified", "payment_declared"
ORDER = (*DISPUTE_CATEGORIES, UNSPECIFIED, DECLARED)
"""The rows, in this order: each category, a dispute that named none, then the payments debtors declared."""
TENTH = Decimal("0.1")


class DisputeSummaryLine(BaseModel):
    category: str = Field(description="a dispute's category, unspecified (none said), or payment_declared")
    opened: int
    open: int
    upheld: int = Field(description="settled with the claim maintained")
    cancelled: int = Field(description="settled with the claim cancelled: the debtor was right")
    average_days_to_settle: Decimal | None = Field(
        default=None, description="calendar days (Paris) from opening to settling, over those settled, to a tenth"
    )
    proof_judged_insufficient: int = Field(description="those whose documents staff judged not enough at least once")


class DisputeSummary(BaseModel):
    lines: list[DisputeSummaryLine] = Field(description="one per category that has a dispute, in a fixed order")
    total: DisputeSummaryLine


@dataclass
class _Counted:
    name: str
    opened: int
    open: int
    upheld: int
    cancelled: int
    days: int  # summed over those settled
    proof_judged_insufficient: int

    def public(self) -> DisputeSummaryLine:
        settled = self.upheld + self.cancelled
        average = (Decimal(self.days) / settled).quantize(TENTH, rounding=ROUND_HALF_EVEN) if settled else None
        return DisputeSummaryLine(
            category=self.name,
            opened=self.opened,
            open=self.open,
            upheld=self.upheld,
            cancelled=self.cancelled,
            average_days_to_settle=average,
            proof_judged_insufficient=self.proof_judged_insufficient,
        )


def _paris_day(column: Any) -> Any:
    return cast(func.timezone("Europe/Paris", column), Date)


def dispute_summary(*, session: Session, creditor: uuid.UUID | None) -> DisputeSummary:
    """`creditor` from the tenancy rule (`shared.tenancy.creditor_filter`): None, every creditor's."""
    key = case(
        (col(Dispute.kind) == DECLARED, literal(DECLARED)),
        else_=func.coalesce(col(Dispute.category), literal(UNSPECIFIED)),
    ).label("key")
    resolved = col(Dispute.status) == "resolved"
    settling = _paris_day(Dispute.resolved_at) - _paris_day(Dispute.opened_at)
    query = (
        select(
            key,
            func.count(),
            func.count().filter(col(Dispute.status) == "open"),
            func.count().filter(resolved, col(Dispute.outcome) == "upheld"),
            func.count().filter(resolved, col(Dispute.outcome) == "cancelled"),
            func.coalesce(func.sum(settling).filter(resolved), 0),
            func.count().filter(col(Dispute.proof_insufficient_at).is_not(None)),
        )
        .join(DunningCase, col(DunningCase.case_id) == col(Dispute.case_id))
        .group_by(key)
    )
    if creditor is not None:
        query = query.where(col(DunningCase.creditor_id) == creditor)
    found = {row[0]: _Counted(*row) for row in session.execute(query).all()}
    lines = [found[name] for name in ORDER if name in found]
    total = _Counted("total", *(sum(getattr(line, f) for line in lines) for f in FIGURES))
    return DisputeSummary(lines=[line.public() for line in lines], total=total.public())


FIGURES = ("opened", "open", "upheld", "cancelled", "days", "proof_judged_insufficient")
