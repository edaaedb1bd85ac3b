"""The dunning scenarios, stored."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, DateTime
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel


def _instant(nullable: bool = False, *, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable, index=index))


class ScenarioRecord(SQLModel, table=True):
    """A scenario as staff saved it; `steps` is the list the API shows (code, channel, template, offset_days,
    anchor, conditions)."""

    __tablename__ = "dunning_scenarios"

    code: str = Field(primary_key=True, max_length=80)
    name: str
    steps: list[dict[str, Any]] = Field(sa_column=Column(JSONB, nullable=False))
    exhaust_after_days: int
    version: int = 1
    updated_at: datetime = _instant()
    updated_by: str
