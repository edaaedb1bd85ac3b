from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Column, DateTime
from sqlmodel import Field, SQLModel


class ScoringCreditor(SQLModel, table=True):
    """Creditors as scoring knows them, projected from intake's events (aged balance and worklist filter by creditor)."""

    __tablename__ = "scoring_creditors"

    creditor_id: uuid.UUID = Field(primary_key=True)
    name: str
    registered_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
