from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, EmailStr, Field as PydanticField, field_validator
from sqlalchemy import Column, DateTime
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from intake.domain import normalise_siren


class Address(BaseModel):
    line1: str = PydanticField(min_length=1, examples=["12 rue de la Paix"])
    line2: str | None = None
    postal_code: str = PydanticField(min_length=1, examples=["75002"])
    city: str = PydanticField(min_length=1, examples=["Paris"])
    country: str = PydanticField(default="FR", pattern="^[A-Z]{2}$", description="ISO 3166-1 alpha-2")


class Creditor(SQLModel, table=True):
    __tablename__ = "creditors"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str
    siren: str | None = Field(default=None, unique=True)
    email: str | None = None
    address: dict[str, Any] | None = Field(default=None, sa_column=Column(JSONB, nullable=True))
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class CreditorCreate(BaseModel):
    name: str = PydanticField(min_length=1, max_length=200, examples=["Demo Créancier SAS"])
    siren: str | None = PydanticField(default=None, examples=["732829320"], description="9 digits, Luhn-checked")
    email: EmailStr | None = None
    address: Address | None = None

    @field_validator("siren")
    @classmethod
    def siren_is_valid(cls, value: str | None) -> str | None:
        return normalise_siren(value) if value is not None else None


class CreditorPublic(BaseModel):
    id: uuid.UUID
    name: str
    siren: str | None
    email: str | None
    address: dict[str, Any] | None
    created_at: datetime


class CreditorPage(BaseModel):
    items: list[CreditorPublic]
    total: int
