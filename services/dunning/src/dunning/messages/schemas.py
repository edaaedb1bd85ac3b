"""The contact log API's models."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field


class MessagePublic(BaseModel):
    id: uuid.UUID
    audience: str
    channel: str
    template: str
    language: str
    subject: str
    recipient: str = Field(description="where it went: the e-mail address, the phone number, the postal address")
    status: str
    detail: str | None = Field(default=None, description="what the provider said of a bounce or a failure")
    content_sha256: str
    first_contact: bool
    prepared_at: datetime
    sent_at: datetime | None
    delivered_at: datetime | None
    acknowledged_on: date | None
    has_document: bool


class MessagePage(BaseModel):
    items: list[MessagePublic]
    total: int
