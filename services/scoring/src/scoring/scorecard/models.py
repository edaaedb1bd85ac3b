"""The fitted scorecards scoring stored."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, DateTime
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel


class ModelVersion(SQLModel, table=True):
    """A fitted scorecard. The expert scorecard is code (version `expert-1`) and is the fallback."""

    __tablename__ = "model_versions"

    version: str = Field(primary_key=True)
    kind: str  # logistic_scorecard
    trained_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    training_rows: int
    metrics: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    definition: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    active: bool = False
