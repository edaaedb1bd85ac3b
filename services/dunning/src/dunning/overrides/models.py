"""A creditor's own wording of a template, in one language."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Column, DateTime, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def _instant(nullable: bool = False, *, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable, index=index))


class TemplateOverrideRecord(SQLModel, table=True):
    """A creditor's own wording of one template in one language (checked for the mandatory mentions at send)."""

    __tablename__ = "dunning_template_overrides"
    __table_args__ = (UniqueConstraint("creditor_id", "template", "language"),)

    id: int | None = Field(default=None, primary_key=True)
    creditor_id: uuid.UUID
    template: str
    language: str
    subject: str = Field(sa_column=Column(Text, nullable=False))
    text: str = Field(sa_column=Column(Text, nullable=False))
    html: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    updated_at: datetime = _instant()
