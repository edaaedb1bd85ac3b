"""What the insurer-file import returns."""

from __future__ import annotations

from pydantic import BaseModel


class LineErrorPublic(BaseModel):
    line: int
    column: str
    reason: str


class ImportReportPublic(BaseModel):
    rows: int
    accepted: int
    rejected: int
    errors: list[LineErrorPublic]
