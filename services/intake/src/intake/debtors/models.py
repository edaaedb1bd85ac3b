"""Debtor tables: the record shared across creditors and each creditor's view of it."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, DateTime, Index, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

import intake.creditors.models  # noqa: F401  (registers the table the views' foreign key names)


def instant_field(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


class Debtor(SQLModel, table=True):
    """The debtor record shared across creditors: what identifies it (type, SIREN, match key, merges) and what
    the agency establishes (insolvency proceedings recorded by staff). `name` is the record's reference name
    for staff, as first given; what each creditor gives (its spelling, contacts, legal form, SIRET, VAT number,
    company creation date) is that creditor's `DebtorView`."""

    __tablename__ = "debtors"
    # One live record per match key: two requests recognising the same new debtor at once cannot both
    # create it (the second fails and is retried); merged records keep their key for the history. The records
    # merged into one are found through `ix_debtors_merged_into`: every read of a case's debtor views asks for them.
    __table_args__ = (
        Index("uq_debtors_match_key_live", "match_key", unique=True, postgresql_where=text("merged_into_id IS NULL")),
        Index("ix_debtors_merged_into", "merged_into_id", postgresql_where=text("merged_into_id IS NOT NULL")),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    type: str = Field(description="company | person")
    name: str
    siren: str | None = Field(default=None, index=True)
    match_key: str = Field(description="what recognises the same debtor across creditors")
    insolvency: dict[str, Any] | None = Field(default=None, sa_column=Column(JSONB, nullable=True))
    merged_into_id: uuid.UUID | None = Field(default=None, foreign_key="debtors.id")
    language: str | None = Field(
        default=None, description="fr | en: the language the debtor asked to be written to in, from its own page"
    )
    created_at: datetime = instant_field()


class DebtorView(SQLModel, table=True):
    """One creditor's view of a shared debtor: the name as it spells it, the identifiers and the contact details
    it supplied. Its cases, their events and its statements show the debtor this way; no other creditor's input
    changes it, and no other creditor sees it."""

    __tablename__ = "debtor_views"
    __table_args__ = (UniqueConstraint("debtor_id", "creditor_id", name="uq_debtor_views_debtor_creditor"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    debtor_id: uuid.UUID = Field(foreign_key="debtors.id")  # uq_debtor_views_debtor_creditor leads with it
    creditor_id: uuid.UUID = Field(foreign_key="creditors.id")
    name: str
    legal_form: str | None = None
    siret: str | None = None
    vat_number: str | None = None
    created_on: date | None = Field(default=None, description="company creation date, as this creditor gave it")
    email: str | None = None
    phone: str | None = None
    address: dict[str, Any] | None = Field(default=None, sa_column=Column(JSONB, nullable=True))
    language: str | None = Field(default=None, description="fr | en: the language the debtor is written to in")
    updated_at: datetime = instant_field()
