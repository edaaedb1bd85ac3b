"""What the models API returns."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class ModelPublic(BaseModel):
    version: str
    kind: str
    trained_at: datetime | None
    training_rows: int
    metrics: dict[str, Any]
    active: bool
    decision: str | None = Field(
        default=None,
        description="why a fitted model is in use or not (its AUC's 95 % lower bound against the threshold)",
    )
    decision_fr: str | None = Field(default=None, description="la même décision, en français")


class ModelsPublic(BaseModel):
    items: list[ModelPublic]
    in_use: str
