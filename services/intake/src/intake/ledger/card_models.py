"""Online card payments' table: each checkout the provider opened for a debtor, and what became of it."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Column, DateTime, Index, Numeric
from sqlmodel import Field, SQLModel


class CardCheckout(SQLModel, table=True):
    """A payment page the provider opened for a case (`session_id`, its Checkout Session): `status` open | paid;
    once paid, the payment it recorded (`payment_id`)."""

    __tablename__ = "card_checkouts"
    __table_args__ = (Index("ix_card_checkouts_case", "case_id", "created_at"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id")
    creditor_id: uuid.UUID
    session_id: str = Field(unique=True)
    amount: Decimal = Field(sa_column=Column(Numeric(14, 2), nullable=False))
    currency: str
    url: str
    status: str = "open"
    created_by: str
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    paid_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))
    payment_id: uuid.UUID | None = None
