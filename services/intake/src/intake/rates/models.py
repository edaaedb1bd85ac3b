"""The rate table (ECB MRO, legal interest rates): data staff keep up to date."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, DateTime, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

RATE = Numeric(6, 4)


def instant_field(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


class Rate(SQLModel, table=True):
    """One row of the rate table (ECB MRO, legal interest rates): data staff keep up to date."""

    __tablename__ = "rates"
    __table_args__ = (UniqueConstraint("kind", "valid_from", name="uq_rates_kind_valid_from"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(description="ecb_mro | legal_professional | legal_consumer_creditor")
    valid_from: date
    rate: Decimal = Field(sa_column=Column(RATE, nullable=False))
    source: str | None = None
    recorded_by: str = "seed"
    recorded_at: datetime | None = instant_field(nullable=True)
