"""API models of the rate table."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from intake.api.fields import Day, RateFraction, Text
from intake.money.rates import RateKind


class RateIn(BaseModel):
    kind: RateKind = Field(description="ecb_mro | legal_professional | legal_consumer_creditor")
    valid_from: Day = Field(examples=["2026-07-01"], description="legal rates start on 1 January or 1 July")
    rate: RateFraction = Field(ge=0, lt=1, examples=["0.0215"], description="a fraction: 2.15 % is 0.0215")
    source: Text | None = Field(default=None, max_length=300, examples=["arrêté du 15 décembre 2025"])


class RatePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    kind: str
    valid_from: date
    rate: Decimal
    source: str | None
    recorded_by: str
    recorded_at: datetime | None
