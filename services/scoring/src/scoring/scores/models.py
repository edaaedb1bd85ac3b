"""Every score scoring gave."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Column, DateTime, Identity, Index, Numeric
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

PROBABILITY = Numeric(5, 4)


class Score(SQLModel, table=True):
    """Every score ever given, with the model version and the inputs it used, so that it can be explained later."""

    __tablename__ = "scores"
    __table_args__ = (
        Index("ix_scores_debtor", "debtor_id", "scored_at"),
        Index("ix_scores_case", "case_id", "scored_at"),
    )

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(always=True), primary_key=True))
    subject: str  # debtor | case
    debtor_id: uuid.UUID
    case_id: uuid.UUID | None = None
    probability: Decimal = Field(sa_column=Column(PROBABILITY, nullable=False))
    grade: str
    model_version: str
    inputs: dict[str, Any] = Field(sa_column=Column(JSONB, nullable=False))
    reasons: list[dict[str, Any]] = Field(sa_column=Column(JSONB, nullable=False))
    scored_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
