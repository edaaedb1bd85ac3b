"""The scenarios API's models."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from shared.money import Amount

from dunning.domain.fields import ChannelName


class ConditionsModel(BaseModel):
    kinds: list[Literal["b2b", "b2c"]] = Field(default_factory=list, max_length=2)
    grades: list[Literal["A", "B", "C", "D", "E"]] = Field(default_factory=list, max_length=5)
    min_amount: Amount | None = None
    max_amount: Amount | None = None


class StepModel(BaseModel):
    code: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9][a-z0-9-]*$", examples=["email-1"])
    channel: ChannelName
    template: str = Field(min_length=1, max_length=60, pattern=r"^[a-z0-9][a-z0-9-]*$", examples=["email-courteous"])
    offset_days: int = Field(ge=0, le=3650, description="days after the due date, or after the previous step")
    anchor: Literal["due", "previous"] = "due"
    conditions: ConditionsModel = Field(default_factory=ConditionsModel)


class ScenarioIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    steps: list[StepModel] = Field(min_length=1, max_length=30)
    exhaust_after_days: int = Field(default=15, ge=0, le=3650)


class ScenarioPublic(ScenarioIn):
    code: str
    version: int
    updated_at: datetime | None
    updated_by: str | None


class ScenarioPage(BaseModel):
    items: list[ScenarioPublic]
    total: int
