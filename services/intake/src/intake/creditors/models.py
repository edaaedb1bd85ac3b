"""Creditor tables: the agency's clients and their mandates."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, DateTime, Numeric, String
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlmodel import Field, SQLModel

MONEY = Numeric(14, 2)


def instant_field(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


class Creditor(SQLModel, table=True):
    __tablename__ = "creditors"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str
    siren: str | None = Field(default=None, unique=True)
    email: str | None = None
    address: dict[str, Any] | None = Field(default=None, sa_column=Column(JSONB, nullable=True))
    iban: str | None = Field(default=None, description="account the remittances are paid to (ISO 13616 checked)")
    bic: str | None = None
    created_at: datetime = instant_field()


class Mandate(SQLModel, table=True):
    """The written agreement R124-3 CPCE requires between the agency and the creditor."""

    __tablename__ = "mandates"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    creditor_id: uuid.UUID = Field(foreign_key="creditors.id", index=True)
    commission_rate: Decimal = Field(sa_column=Column(Numeric(6, 4), nullable=False))
    legal_commission_rate: Decimal | None = Field(default=None, sa_column=Column(Numeric(6, 4), nullable=True))
    fixed_fee: Decimal | None = Field(default=None, sa_column=Column(MONEY, nullable=True))
    phases: list[str] = Field(sa_column=Column(ARRAY(String), nullable=False))
    penalty_rate: Decimal | None = Field(default=None, sa_column=Column(Numeric(6, 4), nullable=True))
    freeze_penalty_rate: bool = Field(default=False, description="rate of the first late day for the whole delay")
    scenario: str = "default-fr"
    insurance_reference: str | None = None
    remittance_terms_days: int = 30
    max_instalments: int = 12
    min_instalment: Decimal = Field(default=Decimal("50.00"), sa_column=Column(MONEY, nullable=False))
    max_plan_months: int = 12
    settlement_floor: Decimal | None = Field(default=None, sa_column=Column(Numeric(6, 4), nullable=True))
    signed_on: date | None = None
    active: bool = True
    created_at: datetime = instant_field()
