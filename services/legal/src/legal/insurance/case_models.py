"""What insurance and factoring know of intake's cases beyond what procedures' `legal_cases` holds, from intake's
events alone: the debtor's SIREN, and each invoice's due date and what remains unpaid on it. Whether a case is in
collection (validated, not closed) is `legal_cases`' to say."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import Column, Numeric
from sqlmodel import Field, SQLModel

MONEY = Numeric(14, 2)


class InsuranceCase(SQLModel, table=True):
    __tablename__ = "insurance_cases"

    case_id: uuid.UUID = Field(primary_key=True)
    creditor_id: uuid.UUID = Field(index=True)
    debtor_id: uuid.UUID
    debtor_name: str
    debtor_siren: str | None = None
    reference: str
    kind: str  # b2b | b2c


class InsuranceCaseInvoice(SQLModel, table=True):
    __tablename__ = "insurance_case_invoices"

    invoice_id: uuid.UUID = Field(primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="insurance_cases.case_id", index=True)
    number: str
    issue_date: date
    due_date: date
    amount: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    outstanding: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    currency: str
