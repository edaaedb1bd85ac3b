"""Tables of credit insurance: each creditor's policy, the claims (threat-of-loss declarations to payout) and their
steps, the alerts the daily pass raises, and scoring's exposure alerts on debtors; factoring's are in
`factoring_models`, registered with these."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Column, DateTime, Identity, Index, Numeric, text
from sqlmodel import Field, SQLModel

from legal.insurance import factoring_models  # noqa: F401  (registers factoring's tables)

MONEY = Numeric(14, 2)
PERCENT = Numeric(5, 2)


def _instant(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


class InsurancePolicy(SQLModel, table=True):
    """A creditor's credit-insurance policy (one in force per creditor): the insurer, the policy's figures."""

    __tablename__ = "insurance_policies"

    creditor_id: uuid.UUID = Field(primary_key=True)
    insurer_id: uuid.UUID = Field(foreign_key="partners.id")
    policy_number: str
    buyer_limit: Decimal | None = Field(default=None, sa_column=Column(MONEY, nullable=True))
    currency: str = "EUR"
    declaration_days: int
    indemnity_percentage: Decimal = Field(sa_column=Column(PERCENT, nullable=False))
    waiting_days: int
    updated_at: datetime = _instant()
    updated_by: str


class InsuranceClaim(SQLModel, table=True):
    """A case's threat-of-loss declaration and the claim that follows it, to the insurer's payout."""

    __tablename__ = "insurance_claims"
    __table_args__ = (
        # one claim in progress per case: a second declaration while one runs is a mistake
        Index(
            "ux_insurance_claims_open",
            "case_id",
            unique=True,
            postgresql_where=text("state IN ('declared', 'documents_sent', 'accepted')"),
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(index=True)
    creditor_id: uuid.UUID = Field(index=True)
    debtor_id: uuid.UUID
    insurer_id: uuid.UUID = Field(foreign_key="partners.id")
    policy_number: str
    state: str
    oldest_due_date: date
    deadline: date
    declared_on: date
    indemnity_due_from: date
    declared_amount: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    expected_indemnity: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    currency: str
    insurer_reference: str | None = None
    indemnity_paid: Decimal | None = Field(default=None, sa_column=Column(MONEY, nullable=True))
    paid_on: date | None = None
    created_at: datetime = _instant()
    updated_at: datetime = _instant()


class InsuranceClaimStep(SQLModel, table=True):
    """One step of a claim as staff recorded it (documents sent, accepted, refused, paid, withdrawn)."""

    __tablename__ = "insurance_claim_steps"

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(always=True), primary_key=True))
    claim_id: uuid.UUID = Field(foreign_key="insurance_claims.id", index=True)
    step: str
    occurred_on: date
    amount: Decimal | None = Field(default=None, sa_column=Column(MONEY, nullable=True))
    reference: str | None = None
    note: str | None = None
    recorded_at: datetime = _instant()
    recorded_by: str


class InsuranceAlert(SQLModel, table=True):
    """What the daily pass found coming up or overdue on an insured creditor's case; resolved once it no longer
    holds (a claim declared, the case closed, the indemnity paid)."""

    __tablename__ = "insurance_alerts"
    __table_args__ = (
        Index(
            "ux_insurance_alerts_open",
            "case_id",
            "kind",
            unique=True,
            postgresql_where=text("resolved_on IS NULL"),
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    creditor_id: uuid.UUID = Field(index=True)
    case_id: uuid.UUID
    kind: str  # declaration_due | declaration_missed | indemnity_awaited | exposure
    due_on: date | None = None
    raised_on: date
    resolved_on: date | None = None


class DebtorExposure(SQLModel, table=True):
    """Scoring's latest exposure alert on a debtor (ExposureAlerted): the insurer's limit exceeded or its grade
    fallen. Scoring owns the limits; legal keeps only what its alerts name."""

    __tablename__ = "insurance_debtor_exposure"

    debtor_id: uuid.UUID = Field(primary_key=True)
    reason: str  # limit_exceeded | grade_fell
    insurer_limit: Decimal | None = Field(default=None, sa_column=Column(MONEY, nullable=True))
    insurer_grade: int | None = None
    alerted_at: datetime = _instant()
