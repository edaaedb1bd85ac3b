"""What the models API returns."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel


class ModelPublic(BaseModel):
    version: str
    kind: str
    trained_at: datetime | None
    training_rows: int
    metrics: dict[str, Any]
    active: bool


class ModelsPublic(BaseModel):
    items: list[ModelPublic]
    in_use: str
