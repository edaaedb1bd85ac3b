"""API models of bulk imports and their reports."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from shared.money import Amount


class ImportAccepted(BaseModel):
    id: uuid.UUID
    status: str


class RowErrorPublic(BaseModel):
    line: int
    column: str | None
    reason: str = Field(description="in French unless the client prefers English (Accept-Language)")
    reason_en: str
    reason_fr: str


class ControlTotal(BaseModel):
    currency: str
    amount: Amount = Field(
        description="what the accepted invoices in this currency leave owed (their outstanding, else their amount "
        "including VAT), summed exactly: the total to check against the creditor's own ledger"
    )


class ImportReport(BaseModel):
    id: uuid.UUID
    status: Literal["queued", "running", "done", "failed"]
    filename: str | None
    rows: int
    accepted: int
    rejected: int
    cases_opened: int
    accepted_amounts: list[ControlTotal] = Field(
        default_factory=list,
        description="the control total, one per currency (none for imports run before control totals were kept)",
    )
    failure: str | None = Field(description="why the import stopped: in French unless the client prefers English")
    failure_en: str | None = None
    failure_fr: str | None = None
    errors: list[RowErrorPublic]
    report_url: str
    created_at: datetime
    finished_at: datetime | None
