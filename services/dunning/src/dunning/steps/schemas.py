"""The steps and phone tasks API's models."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel


class StepPublic(BaseModel):
    id: uuid.UUID | None
    step: str
    channel: str
    template: str
    due_at: datetime
    status: str
    executed_at: datetime | None = None
    message_id: uuid.UUID | None = None
    note: str | None = None


class StepPage(BaseModel):
    case_id: uuid.UUID
    status: str
    scenario: str
    items: list[StepPublic]


class PhoneTaskPublic(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    due_at: datetime
    status: str
    outcome: str | None
    note: str | None
    done_at: datetime | None


class PhoneTaskPage(BaseModel):
    items: list[PhoneTaskPublic]
    total: int
