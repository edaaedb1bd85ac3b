"""The reversing entry of a payment: the payment stays in the ledger, this row says it no longer counts."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, DateTime, Numeric
from sqlmodel import Field, SQLModel

import intake.ledger.models  # noqa: F401  (registers the tables the foreign keys name)

MONEY = Numeric(14, 2)


def instant_field(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


class PaymentReversal(SQLModel, table=True):
    """One reversal per payment. The commission figures are the payment's, negated: the reversing commission
    entry. `remitted_in` is the remittance that had already paid the payment over to the creditor: its `debt`
    (what the creditor received for it) is then netted on a later run (`netted_in`), or carried until one can."""

    __tablename__ = "payment_reversals"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    payment_id: uuid.UUID = Field(foreign_key="payments.id", unique=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    creditor_id: uuid.UUID = Field(foreign_key="creditors.id", index=True)
    amount: Decimal = Field(sa_column=Column(MONEY, nullable=False), description="the payment's amount, negated")
    commission_rate: Decimal = Field(sa_column=Column(Numeric(6, 4), nullable=False))
    commission_excl_vat: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    commission_vat: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    commission: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    held: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    net: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    reason: str
    reversed_on: date
    remitted_in: uuid.UUID | None = Field(default=None, foreign_key="remittances.id")
    debt: Decimal = Field(
        default=Decimal("0.00"),
        sa_column=Column(MONEY, nullable=False),
        description="what the creditor owes back: the net it was remitted for the payment; 0 if never remitted",
    )
    netted_in: uuid.UUID | None = Field(default=None, foreign_key="remittances.id", index=True)
    reopened_to: str | None = None
    reversed_by: str
    reversed_at: datetime = instant_field()
