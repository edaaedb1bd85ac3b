"""Scoring's projection of what it was told: creditors, debtors (and each creditor's view of them), cases,
invoices and their balances, from the events; and the credit-insurer cover, from the insurer's file."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, DateTime, Index, Numeric, PrimaryKeyConstraint, text
from sqlmodel import Field, SQLModel

from shared.table_rows import SetOnce

MONEY = Numeric(14, 2)
PROBABILITY = Numeric(5, 4)
PREVIOUS_SINCE_COVERS = ("issue_date", "due_date", "currency", "invoice_id", "creditor_id", "debtor_id")


def _instant(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


class ScoringCreditor(SQLModel, table=True):
    """Creditors as scoring knows them, projected from intake's events (aged balance and worklist filter
    by creditor)."""

    __tablename__ = "scoring_creditors"

    creditor_id: uuid.UUID = Field(primary_key=True)
    name: str
    registered_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class ScoringDebtor(SetOnce, SQLModel, table=True):
    """A debtor across every creditor: the shared identity, current grade and exposure alert. Its name, legal
    form, creation date and contactability sum up every creditor's view (`ScoringDebtorView`) for the agency's
    own reads and the debtor-wide score; what a creditor reads comes from its own view."""

    __tablename__ = "scoring_debtors"

    debtor_id: uuid.UUID = Field(primary_key=True)
    type: str
    name: str = ""
    siren: str | None = Field(default=None, index=True)
    legal_form: str | None = None
    created_on: date | None = None
    has_email: bool = False
    has_phone: bool = False
    has_address: bool = False
    insolvency: bool = False
    merged_into_id: uuid.UUID | None = None
    probability: Decimal | None = Field(default=None, sa_column=Column(PROBABILITY, nullable=True))
    grade: str | None = None
    model_version: str | None = None
    scored_at: datetime | None = _instant(nullable=True)
    exposure: Decimal = Field(default=Decimal("0"), sa_column=Column(MONEY, nullable=False))
    exposure_alert: str | None = None  # limit_exceeded | grade_fell


class ScoringDebtorView(SetOnce, SQLModel, table=True):
    """One creditor's view of a debtor, as its cases' snapshots carry it: the name as it spells it, the legal form
    and creation date it gave, which contacts it gave. Its aged balance, export, worklist and case reasons use it."""

    __tablename__ = "scoring_debtor_views"

    debtor_id: uuid.UUID = Field(primary_key=True)
    creditor_id: uuid.UUID = Field(primary_key=True)
    name: str
    legal_form: str | None = None
    created_on: date | None = None
    has_email: bool = False
    has_phone: bool = False
    has_address: bool = False


class DebtorBehaviour(SetOnce, SQLModel, table=True):
    """Counters of how a debtor behaves, one handler and one counter per fact: payments from intake's events;
    promises kept and broken, disputes opened, payment plans agreed and breached from dunning's; legal outcomes
    from legal's once those exist."""

    __tablename__ = "debtor_behaviour"

    debtor_id: uuid.UUID = Field(primary_key=True)
    payments: int = 0
    partial_payments: int = 0
    promises_kept: int = 0
    promises_broken: int = 0
    disputes_opened: int = 0
    legal_failures: int = 0
    plans_agreed: int = 0
    plans_breached: int = 0


class ScoringCase(SetOnce, SQLModel, table=True):
    __tablename__ = "scoring_cases"

    case_id: uuid.UUID = Field(primary_key=True)
    creditor_id: uuid.UUID = Field(index=True)
    debtor_id: uuid.UUID = Field(index=True)
    reference: str
    kind: str
    status: str
    validated_on: date
    closed_on: date | None = None
    outcome: str | None = None  # CaseClosed.reason
    outstanding: Decimal = Field(default=Decimal("0"), sa_column=Column(MONEY, nullable=False))
    oldest_due_date: date | None = None  # of the invoices still outstanding
    probability: Decimal | None = Field(default=None, sa_column=Column(PROBABILITY, nullable=True))
    grade: str | None = None
    priority: int | None = Field(default=None, index=True)
    band: str | None = None
    agent: str | None = Field(default=None, index=True)
    scored_at: datetime | None = _instant(nullable=True)


class ScoringInvoice(SetOnce, SQLModel, table=True):
    """One receivable with its latest known outstanding and the one before; every earlier value lives in
    `invoice_balances`."""

    __tablename__ = "scoring_invoices"
    __table_args__ = (
        Index("ix_scoring_invoices_creditor_due", "creditor_id", "due_date"),
        # The aged balance as of a past date reads the history only of invoices changed twice since that date; it
        # finds them in this index alone, with what it groups and filters them by (issue 17: at 10,000,000 invoices
        # the heap reads to find them cost a third of the read).
        Index(
            "ix_scoring_invoices_previous_since",
            "previous_since",
            postgresql_include=list(PREVIOUS_SINCE_COVERS),
            postgresql_where=text("previous_since IS NOT NULL"),
        ),
    )

    invoice_id: uuid.UUID = Field(primary_key=True)
    case_id: uuid.UUID = Field(index=True)
    creditor_id: uuid.UUID
    debtor_id: uuid.UUID = Field(index=True)
    number: str
    issue_date: date
    due_date: date
    amount: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    currency: str
    outstanding: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    outstanding_since: date  # the business date from which `outstanding` holds
    previous_outstanding: Decimal | None = Field(default=None, sa_column=Column(MONEY, nullable=True))
    previous_since: date | None = None  # the value before the current one, and its date: an as-of read one step back


class InvoiceOutstanding(SQLModel, table=True):
    """Outstanding of an invoice from a business date on: the aged balance as of a past date reads it."""

    __tablename__ = "invoice_balances"
    # The outstanding is in the key's index too: the as-of read takes it from there, not from the heap.
    __table_args__ = (PrimaryKeyConstraint("invoice_id", "as_of", postgresql_include=["outstanding"]),)

    invoice_id: uuid.UUID = Field(primary_key=True)
    as_of: date = Field(primary_key=True)
    outstanding: Decimal = Field(sa_column=Column(MONEY, nullable=False))


class InsurerCover(SQLModel, table=True):
    """A credit insurer's grade (1 best … 10 worst) and buyer limit for a debtor, imported from CSV."""

    __tablename__ = "insurer_cover"

    debtor_id: uuid.UUID = Field(primary_key=True)
    insurer: str
    grade: int
    previous_grade: int | None = None
    limit: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    currency: str = "EUR"
    updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
