"""The contact log API's models."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel


class MessagePublic(BaseModel):
    id: uuid.UUID
    audience: str
    channel: str
    template: str
    language: str
    subject: str
    status: str
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
