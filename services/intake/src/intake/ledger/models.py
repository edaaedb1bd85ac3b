"""Ledger tables: payments and their allocation, bank statements and suspense, remittances."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Column, DateTime, Index, Numeric, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlmodel import Field, SQLModel

import intake.cases.models  # noqa: F401  (registers the tables the foreign keys name)
from intake.rates.models import RATE

MONEY = Numeric(14, 2)


def instant_field(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


class Payment(SQLModel, table=True):
    """Money received on a case, from any source. `reference` (external) makes it idempotent per creditor."""

    __tablename__ = "payments"
    __table_args__ = (
        UniqueConstraint("creditor_id", "reference", name="uq_payments_creditor_reference"),
        Index("ix_payments_unremitted", "creditor_id", "received_on", postgresql_where="remittance_id IS NULL"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    creditor_id: uuid.UUID = Field(foreign_key="creditors.id")
    debtor_id: uuid.UUID = Field(foreign_key="debtors.id")
    amount: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    currency: str
    received_on: date
    source: str = Field(description="debtor_to_agency | debtor_to_creditor | bailiff | credit_note | write_off")
    reference: str
    instruction: list[str] = Field(default_factory=list, sa_column=Column(ARRAY(String), nullable=False))
    phase: str = "amicable"
    # Commission (R124-3 3° CPCE), fixed when the payment is recorded so the creditor is told at once (R124-5).
    commission_rate: Decimal = Field(sa_column=Column(RATE, nullable=False))
    commission_excl_vat: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    commission_vat: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    commission: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    held: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    net: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    overpayment: Decimal = Field(default=Decimal("0.00"), sa_column=Column(MONEY, nullable=False))
    allocation_provisional: bool = False
    receipt_number: str | None = Field(default=None, unique=True)
    receipt_sha256: str | None = None
    remittance_id: uuid.UUID | None = Field(default=None, foreign_key="remittances.id", index=True)
    remittance_alerted_at: datetime | None = instant_field(nullable=True)
    recorded_by: str
    recorded_at: datetime = instant_field()


class PaymentAllocation(SQLModel, table=True):
    """How one payment was allocated when it was recorded (art. 1342-10 and 1343-1 C. civ.)."""

    __tablename__ = "payment_allocations"

    id: int | None = Field(default=None, primary_key=True)
    payment_id: uuid.UUID = Field(foreign_key="payments.id", index=True)
    invoice_id: uuid.UUID | None = Field(default=None, foreign_key="invoices.id")
    component: str
    amount: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    reason_code: str | None = None
    explanation: str = ""


class BankStatementImport(SQLModel, table=True):
    """A camt.053 file: importing the same file again changes nothing."""

    __tablename__ = "bank_statements"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    file_sha256: str = Field(unique=True)
    filename: str | None = None
    credits: int = 0
    matched: int = 0
    suspense: int = 0
    duplicates: int = 0
    refused: list[dict[str, Any]] = Field(
        default_factory=list,
        sa_column=Column(JSONB, nullable=False, server_default="[]"),
        description="credits that could not be booked: reference and reason",
    )
    imported_by: str
    imported_at: datetime = instant_field()


class BankCredit(SQLModel, table=True):
    """One credit of a bank statement: matched to a case (and recorded as a payment) or held in suspense."""

    __tablename__ = "bank_credits"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    statement_id: uuid.UUID = Field(foreign_key="bank_statements.id", index=True)
    entry_reference: str = Field(unique=True, description="the bank's reference: a credit is never counted twice")
    booking_date: date
    amount: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    currency: str
    debtor_name: str | None = None
    creditor_reference: str | None = None
    remittance_text: str = ""
    status: str = Field(index=True, description="matched | suspense | resolved | dismissed")
    match_reason: str
    explanation: str
    explanation_fr: str | None = Field(default=None, description="the explanation in French (None before intake_0011)")
    case_id: uuid.UUID | None = Field(default=None, foreign_key="cases.id")
    payment_id: uuid.UUID | None = Field(default=None, foreign_key="payments.id")
    resolved_by: str | None = None
    resolved_at: datetime | None = instant_field(nullable=True)
    resolution_note: str | None = None


class RemittanceRun(SQLModel, table=True):
    """One remittance run: a SEPA credit-transfer file (pain.001) paying every creditor owed funds."""

    __tablename__ = "remittance_runs"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    message_id: str = Field(unique=True)
    execution_date: date
    transfer_sha256: str | None = None
    transfers: int = 0
    total: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    skipped: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    run_by: str
    run_at: datetime = instant_field()


class Remittance(SQLModel, table=True):
    """What one creditor is remitted in a run, with the commission arithmetic of each payment (R124-5, R124-6)."""

    __tablename__ = "remittances"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    run_id: uuid.UUID = Field(foreign_key="remittance_runs.id", index=True)
    creditor_id: uuid.UUID = Field(foreign_key="creditors.id", index=True)
    issued_on: date
    collected: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    held: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    commission_excl_vat: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    commission_vat: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    commission: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    remitted: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    commission_to_invoice: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    iban: str | None = None
    # the agency's invoice of the commission: its number in one continuous sequence (None: no commission to invoice)
    invoice_seq: int | None = Field(default=None, sa_column=Column(BigInteger, unique=True, nullable=True))
    # its credit note when netted reversals make the commission negative: a sequence of its own, without gaps either
    credit_note_seq: int | None = Field(default=None, sa_column=Column(BigInteger, unique=True, nullable=True))
