"""Document table: a case's document, its content kept in the document store under its SHA-256. Its foreign key
names `cases`: the table is read and written by `intake.cases` (`documents`, `views`), which has registered it;
importing `intake.cases.models` here would make cases and documents import each other."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Column, DateTime
from sqlmodel import Field, SQLModel


def instant_field(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


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
