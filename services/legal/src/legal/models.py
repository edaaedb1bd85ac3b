from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import Column, DateTime
from sqlmodel import Field, SQLModel


class Partner(SQLModel, table=True):
    """A bailiff firm, credit insurer or factor the agency works with."""

    __tablename__ = "partners"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    kind: str = Field(description="bailiff | insurer | factor")
    name: str
    active: bool = True
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class PartnerPublic(BaseModel):
    id: uuid.UUID
    kind: str
    name: str
    active: bool
