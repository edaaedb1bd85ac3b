"""Intake tables: creditors and mandates, debtors, cases and their receivables, documents."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, DateTime, Index, Numeric, String, UniqueConstraint, text
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
    signed_on: date | None = None
    active: bool = True
    created_at: datetime = instant_field()


class Debtor(SQLModel, table=True):
    """The debtor record shared across creditors: what identifies it (type, SIREN, match key, merges) and what
    the agency establishes (insolvency proceedings recorded by staff). `name` is the record's reference name
    for staff, as first given; what each creditor gives (its spelling, contacts, legal form, SIRET, VAT number,
    company creation date) is that creditor's `DebtorView`."""

    __tablename__ = "debtors"
    # One live record per match key: two requests recognising the same new debtor at once cannot both
    # create it (the second fails and is retried); merged records keep their key for the history.
    __table_args__ = (
        Index("uq_debtors_match_key_live", "match_key", unique=True, postgresql_where=text("merged_into_id IS NULL")),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    type: str = Field(description="company | person")
    name: str
    siren: str | None = Field(default=None, index=True)
    match_key: str = Field(description="what recognises the same debtor across creditors")
    insolvency: dict[str, Any] | None = Field(default=None, sa_column=Column(JSONB, nullable=True))
    merged_into_id: uuid.UUID | None = Field(default=None, foreign_key="debtors.id")
    created_at: datetime = instant_field()


class DebtorView(SQLModel, table=True):
    """One creditor's view of a shared debtor: the name as it spells it, the identifiers and the contact details
    it supplied. Its cases, their events and its statements show the debtor this way; no other creditor's input
    changes it, and no other creditor sees it."""

    __tablename__ = "debtor_views"
    __table_args__ = (UniqueConstraint("debtor_id", "creditor_id", name="uq_debtor_views_debtor_creditor"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    debtor_id: uuid.UUID = Field(foreign_key="debtors.id", index=True)
    creditor_id: uuid.UUID = Field(foreign_key="creditors.id")
    name: str
    legal_form: str | None = None
    siret: str | None = None
    vat_number: str | None = None
    created_on: date | None = Field(default=None, description="company creation date, as this creditor gave it")
    email: str | None = None
    phone: str | None = None
    address: dict[str, Any] | None = Field(default=None, sa_column=Column(JSONB, nullable=True))
    updated_at: datetime = instant_field()


class Case(SQLModel, table=True):
    """A collection file (dossier): one creditor, one debtor, one or more receivables."""

    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("creditor_id", "reference", name="uq_cases_creditor_reference"),
        UniqueConstraint("rf_reference", name="uq_cases_rf_reference"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    creditor_id: uuid.UUID = Field(foreign_key="creditors.id", index=True)
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
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    creditor_id: uuid.UUID = Field(foreign_key="creditors.id")
    debtor_id: uuid.UUID = Field(foreign_key="debtors.id")
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


class Document(SQLModel, table=True):
    __tablename__ = "documents"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    kind: str
    sha256: str = Field(index=True)
    media_type: str
    size: int
    filename: str | None = None
    uploaded_by: str
    uploaded_at: datetime = instant_field()


class ImportJob(SQLModel, table=True):
    """A bulk import: the file is kept in the document store; the report grows as rows are processed."""

    __tablename__ = "imports"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    creditor_id: uuid.UUID = Field(foreign_key="creditors.id", index=True)
    status: str = Field(description="queued | running | done | failed")
    filename: str | None = None
    file_sha256: str
    format: str | None = None
    rows: int = 0
    accepted: int = 0
    rejected: int = 0
    cases_opened: int = 0
    failure: str | None = None
    failure_fr: str | None = Field(default=None, description="the failure in French (None before intake_0012)")
    submitted_by: str
    created_at: datetime = instant_field()
    finished_at: datetime | None = instant_field(nullable=True)


class ImportRowError(SQLModel, table=True):
    __tablename__ = "import_errors"
    __table_args__ = (Index("ix_import_errors_import_line", "import_id", "line"),)

    id: int | None = Field(default=None, primary_key=True)
    import_id: uuid.UUID = Field(foreign_key="imports.id")
    line: int
    column: str | None = None
    reason: str
    reason_fr: str | None = None  # None for rows refused before reasons were kept in French too
