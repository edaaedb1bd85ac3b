"""Case tables: the collection file (dossier) and its receivables."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, DateTime, ForeignKeyConstraint, Numeric, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

import intake.creditors.models
import intake.debtors.models  # noqa: F401  (register the tables the foreign keys name)

MONEY = Numeric(14, 2)


def instant_field(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


class Case(SQLModel, table=True):
    """A collection file (dossier): one creditor, one debtor, one or more receivables."""

    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("creditor_id", "reference", name="uq_cases_creditor_reference"),
        UniqueConstraint("rf_reference", name="uq_cases_rf_reference"),
        # What an invoice's one foreign key names: its case, with the case's creditor and debtor (`Invoice`).
        UniqueConstraint("id", "creditor_id", "debtor_id", name="uq_cases_id_creditor_debtor"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # Looked up through uq_cases_creditor_reference, which it leads (tests/foundation/test_redundant_indexes.py).
    creditor_id: uuid.UUID = Field(foreign_key="creditors.id")
    debtor_id: uuid.UUID = Field(foreign_key="debtors.id", index=True)
    mandate_id: uuid.UUID | None = Field(default=None, foreign_key="mandates.id")
    reference: str
    kind: str = Field(description="b2b | b2c")
    status: str = Field(index=True)
    closure_reason: str | None = None
    contract_signed: bool = False
    delivery_evidenced: bool = False
    override_reason: str | None = None
    validated_at: datetime | None = instant_field(nullable=True)
    validated_by: str | None = None
    claim_deadline: date | None = Field(default=None, description="insolvency: last day to declare the claim (L622-24)")
    rf_reference: str | None = Field(default=None, description="ISO 11649 creditor reference for payments")
    formal_notice_on: date | None = Field(
        default=None, description="formal notice date: consumer interest runs from it"
    )
    formal_notice_received_on: date | None = Field(default=None, description="the day the debtor received the notice")
    declared_insolvency: dict[str, Any] | None = Field(
        default=None,
        sa_column=Column(JSONB, nullable=True),
        description="insolvency proceedings the creditor declared for this case only (staff set the debtor's own)",
    )
    extra: dict[str, Any] = Field(
        default_factory=dict,
        sa_column=Column("metadata", JSONB, nullable=False),
        description="the creditor's own metadata, returned as it gave it",
    )
    import_id: uuid.UUID | None = Field(default=None, index=True, description="the bulk import that opened the case")
    merged_from_debtor_id: uuid.UUID | None = Field(
        default=None,
        description="the debtor record the case was under before a merge moved it (an unmerge moves it back)",
    )
    created_at: datetime = instant_field()
    updated_at: datetime = instant_field()


class Invoice(SQLModel, table=True):
    __tablename__ = "invoices"
    __table_args__ = (
        UniqueConstraint("creditor_id", "debtor_id", "number", name="uq_invoices_creditor_debtor_number"),
        # One foreign key, to the case with its creditor and debtor: an invoice's creditor and debtor are its case's
        # (its creditor and debtor exist because the case's do). One check a row instead of three, which a bulk
        # import pays a hundred thousand times (docs/benchmarks.md). A debtor merge moves the case and its invoices
        # in one transaction: the check waits for the commit, and moving a case moves its invoices with it.
        ForeignKeyConstraint(
            ["case_id", "creditor_id", "debtor_id"],
            ["cases.id", "cases.creditor_id", "cases.debtor_id"],
            name="fk_invoices_case",
            onupdate="CASCADE",
            deferrable=True,
            initially="DEFERRED",
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(index=True)
    creditor_id: uuid.UUID
    debtor_id: uuid.UUID
    number: str
    issue_date: date
    due_date: date
    amount: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    vat: Decimal | None = Field(default=None, sa_column=Column(MONEY, nullable=True))
    currency: str = "EUR"
    outstanding: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    acknowledged_on: date | None = Field(
        default=None, description="last acknowledgement of the debt (restarts prescription)"
    )
    last_partial_payment_on: date | None = None
    principal_placed: Decimal | None = Field(
        default=None,
        sa_column=Column(MONEY, nullable=True),
        description="outstanding principal when the ledger first took a payment on the case; null: `outstanding`",
    )
