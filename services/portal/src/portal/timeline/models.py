"""The timeline's table and its API models."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel
from pydantic import Field as PydanticField
from sqlalchemy import Column, DateTime, Index
from sqlmodel import Field, SQLModel


class TimelineEntry(SQLModel, table=True):
    """One thing that happened to a case, as the event that said it. Keyed by the event's id: an event applied
    twice (a replay) writes one entry. The case need not be known: every case event names its creditor."""

    __tablename__ = "timeline_entries"
    __table_args__ = (Index("ix_timeline_entries_case_at", "case_id", "at"),)

    event_id: str = Field(primary_key=True)
    case_id: uuid.UUID
    creditor_id: uuid.UUID
    at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    service: str
    type: str
    channel: str | None = None
    summary_fr: str
    summary_en: str
    document: str | None = None


class TimelineItem(BaseModel):
    at: datetime = PydanticField(description="when it happened (the event's instant)")
    service: str = PydanticField(description="the service that said it: intake, dunning, legal")
    type: str = PydanticField(description="what happened, e.g. case.validated, message.sent, promise.made")
    channel: str | None = PydanticField(
        default=None, description="a message's channel: email, sms, letter, registered_letter, formal_notice, phone"
    )
    summary: str = PydanticField(description="in plain words, in the language asked for (French by default)")
    summary_fr: str
    summary_en: str
    document: str | None = PydanticField(default=None, description="where the document it sent is read (a letter)")
    event_id: str


class TimelinePage(BaseModel):
    items: list[TimelineItem] = PydanticField(description="oldest first")
    total: int
