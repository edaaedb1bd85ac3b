"""The creditors and the cases dunning works, projected from intake's events."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, DateTime, Numeric
from sqlmodel import Field, SQLModel

from shared.table_rows import SetOnce

MONEY = Numeric(14, 2)


def _instant(nullable: bool = False, *, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable, index=index))


class DunningCreditor(SQLModel, table=True):
    __tablename__ = "dunning_creditors"

    creditor_id: uuid.UUID = Field(primary_key=True)
    name: str
    email: str | None = None
    legal_allowed: bool = False  # the mandate covers the legal phase: exhaustion hands the case to legal
    # what the mandate lets the agency agree without asking the creditor; None: the mandate's event did not say
    # (signed before it did), and dunning's settings bound plans while every settlement goes to the creditor
    max_instalments: int | None = None
    min_instalment: Decimal | None = Field(default=None, sa_column=Column(MONEY, nullable=True))
    max_plan_months: int | None = None
    settlement_floor: Decimal | None = Field(default=None, sa_column=Column(Numeric(6, 4), nullable=True))


class DunningCase(SetOnce, SQLModel, table=True):
    """A validated case dunning works. `status`: active | promise (paused until a promised day) | plan (quiet while
    a payment plan runs) | dispute (every channel held) | exhausted | legal | claim_declaration (its debtor's
    insolvency proceedings stay every action: nothing goes out) | closed."""

    __tablename__ = "dunning_cases"

    case_id: uuid.UUID = Field(primary_key=True)
    creditor_id: uuid.UUID = Field(index=True)
    debtor_id: uuid.UUID = Field(index=True)
    reference: str
    kind: str
    scenario: str
    status: str = "active"
    due_on: date  # the earliest due date of its unpaid invoices: step offsets count from it
    currency: str = "EUR"
    balance: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    grade: str | None = None
    next_position: int = 0  # the scenario step to run next
    first_message_id: uuid.UUID | None = None  # the R124-4 letter
    first_contact_on: date | None = None
    exhausts_on: date | None = None  # set once the last step went out
    validated_at: datetime = _instant()
    updated_at: datetime = _instant()
    # what it owed when dunning started it, and the experiment's arm it was put in, if any (`dunning.experiments`)
    placed_balance: Decimal | None = Field(default=None, sa_column=Column(MONEY, nullable=True))
    experiment_id: uuid.UUID | None = Field(default=None, index=True)
    arm: str | None = None  # champion | challenger
