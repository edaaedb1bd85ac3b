"""The preview API's models: the messages a case's scenario would send."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel


class PreviewItem(BaseModel):
    step: str
    channel: str
    template: str
    due_at: datetime
    language: str
    subject: str
    text: str
    compliant: bool
    missing_mentions: list[str]


class PreviewPage(BaseModel):
    case_id: uuid.UUID
    scenario: str
    items: list[PreviewItem]
