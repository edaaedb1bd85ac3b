"""Tables of factoring: each creditor's contract with its factor, the assignment batches (bordereaux) and the
receivables each assigned, the factor's disputes on them and what it handed back."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, DateTime, Index, Numeric, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

MONEY = Numeric(14, 2)


def _instant(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


class FactoringContract(SQLModel, table=True):
    """A creditor's factoring contract (one in force per creditor)."""

    __tablename__ = "factoring_contracts"

    creditor_id: uuid.UUID = Field(primary_key=True)
    factor_id: uuid.UUID = Field(foreign_key="partners.id")
    contract_number: str
    with_recourse: bool
    eligible_debtors: str  # all | listed
    debtor_sirens: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    max_amount: Decimal | None = Field(default=None, sa_column=Column(MONEY, nullable=True))
    currency: str = "EUR"
    factor_iban: str | None = None
    updated_at: datetime = _instant()
    updated_by: str


class FactoringBatch(SQLModel, table=True):
    """One assignment batch (bordereau de cession): the receivables handed to the factor together, with the
    control totals the factor checks."""

    __tablename__ = "factoring_batches"
    __table_args__ = (UniqueConstraint("creditor_id", "number", name="uq_factoring_batches_number"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    creditor_id: uuid.UUID  # uq_factoring_batches_number leads with it
    number: str
    factor_id: uuid.UUID = Field(foreign_key="partners.id")
    contract_number: str
    with_recourse: bool
    assigned_on: date
    count: int
    total: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    currency: str
    created_at: datetime = _instant()
    created_by: str


class FactoringAssignment(SQLModel, table=True):
    """One receivable (an invoice) assigned in a batch, as it stood when assigned."""

    __tablename__ = "factoring_assignments"
    __table_args__ = (
        # an invoice is held by one factor at a time: assigned again only once handed back
        Index("ux_factoring_assignments_held", "invoice_id", unique=True, postgresql_where=text("status = 'assigned'")),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    batch_id: uuid.UUID = Field(foreign_key="factoring_batches.id", index=True)
    line: int
    creditor_id: uuid.UUID = Field(index=True)
    case_id: uuid.UUID
    case_reference: str
    invoice_id: uuid.UUID
    invoice_number: str
    issue_date: date
    due_date: date
    debtor_id: uuid.UUID
    debtor_name: str
    debtor_siren: str | None = None
    amount: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    assigned_amount: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    currency: str
    status: str = "assigned"  # assigned | handed_back
    handed_back_on: date | None = None
    handed_back_amount: Decimal | None = Field(default=None, sa_column=Column(MONEY, nullable=True))
    hand_back_reason: str | None = None


class FactorDispute(SQLModel, table=True):
    """The factor disputes an assigned receivable (the debtor contests it, the invoice does not match...)."""

    __tablename__ = "factor_disputes"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    assignment_id: uuid.UUID = Field(foreign_key="factoring_assignments.id", index=True)
    creditor_id: uuid.UUID = Field(index=True)
    reason: str
    opened_on: date
    status: str = "open"  # open | upheld | dismissed
    resolved_on: date | None = None
    resolution_note: str | None = None
    created_at: datetime = _instant()
    created_by: str
