"""Import tables: the bulk import job and the rows it refused."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Column, DateTime, Index, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

import intake.creditors.models  # noqa: F401  (registers the table the job's foreign key names)


def instant_field(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


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
    # The control total of what was placed: per currency, what the accepted invoices leave owed (their outstanding,
    # else their amount including VAT) as the file gave it, exact (Decimal as text), for the creditor to check against
    # its own ledger's total.
    accepted_amounts: dict[str, str] = Field(
        default_factory=dict, sa_column=Column(JSONB, nullable=False, server_default=text("'{}'::jsonb"))
    )
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
