"""A settlement (transaction, art. 2044 C. civ.): what the agency offered the debtor to close the case for less than it
owes, and what became of the offer."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, DateTime, Index, Text, text
from sqlmodel import Field, Session, SQLModel, select

from shared.errors import Conflict

from dunning.responses.models import MONEY


def _instant(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


OPEN = ("to_approve", "offered")
"""An offer still waiting: for the creditor's approval (below the mandate's floor), or for the debtor's acceptance."""


class Settlement(SQLModel, table=True):
    """`status`: to_approve (below the mandate's floor: the creditor decides) | offered (the debtor may accept until
    `pay_by`) | accepted (its promise runs) | honoured (paid by its day: intake writes the rest off) | lapsed
    (accepted, unpaid) | refused (by the creditor) | withdrawn (replaced by another offer)."""

    __tablename__ = "dunning_settlements"
    __table_args__ = (
        Index(
            "uq_dunning_settlements_one_pending",
            "case_id",
            unique=True,
            postgresql_where=text("status IN ('to_approve', 'offered', 'accepted')"),
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(index=True)
    status: str
    amount: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    currency: str = "EUR"
    balance: Decimal = Field(sa_column=Column(MONEY, nullable=False))  # the balance due when offered
    pay_by: date
    within_mandate: bool
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # the offer's, for the creditor
    offered_at: datetime = _instant()
    offered_by: str
    decided_at: datetime | None = _instant(True)
    decided_by: str | None = None
    answer: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # the creditor's
    accepted_at: datetime | None = _instant(True)
    accepted_by: str | None = None  # the debtor's page (DEBTOR) or the member of staff who heard it
    promise_id: uuid.UUID | None = None
    ended_on: date | None = None  # honoured, lapsed, refused or withdrawn on


def refuse_while_accepted(session: Session, case_id: uuid.UUID) -> None:
    """A settlement the debtor accepted runs to its end: paid by its day, or lapsed. Meanwhile another offer, a
    promise or a payment plan would take its promise's place and leave it unanswered."""
    accepted = session.exec(
        select(Settlement).where(Settlement.case_id == case_id, Settlement.status == "accepted")
    ).first()
    if accepted is not None:
        raise Conflict(
            f"the debtor accepted a settlement of {accepted.amount} {accepted.currency} to pay by "
            f"{accepted.pay_by.isoformat()}: it runs until it is paid or lapses",
            field="case_id",
            message_fr=f"le débiteur a accepté un accord de {accepted.amount} {accepted.currency} à payer au plus tard "
            f"le {accepted.pay_by.strftime('%d/%m/%Y')} : il court jusqu'à son paiement ou sa caducité",
        )
