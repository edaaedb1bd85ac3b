"""API models of bulk imports and their reports."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field


class ImportAccepted(BaseModel):
    id: uuid.UUID
    status: str


class RowErrorPublic(BaseModel):
    line: int
    column: str | None
    reason: str = Field(description="in French unless the client prefers English (Accept-Language)")
    reason_en: str
    reason_fr: str


class ImportReport(BaseModel):
    id: uuid.UUID
    status: Literal["queued", "running", "done", "failed"]
    filename: str | None
    rows: int
    accepted: int
    rejected: int
    cases_opened: int
    failure: str | None = Field(description="why the import stopped: in French unless the client prefers English")
    failure_en: str | None = None
    failure_fr: str | None = None
    errors: list[RowErrorPublic]
    report_url: str
    created_at: datetime
    finished_at: datetime | None
