"""The webhooks' tables: a creditor's endpoints and the deliveries queued for them (API models in
`portal.webhooks.schemas`)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Column, DateTime, ForeignKey, Index, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel


def _instant(*, nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


class CreditorWebhook(SQLModel, table=True):
    """Where a creditor's system hears of its cases. `events` names the types it wants (`intake.case.closed`); empty,
    every type. A rotation keeps the previous secret signing beside the new one until `previous_valid_until`."""

    __tablename__ = "creditor_webhooks"
    __table_args__ = (Index("ix_creditor_webhooks_creditor", "creditor_id", "created_at"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    creditor_id: uuid.UUID
    url: str
    description: str = ""
    events: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    secret: str
    previous_secret: str | None = None
    previous_valid_until: datetime | None = _instant(nullable=True)
    active: bool = True
    created_by: str
    created_at: datetime = _instant()
    updated_at: datetime = _instant()


class CreditorWebhookDelivery(SQLModel, table=True):
    """One POST to a creditor's endpoint (its id is the `X-Recouvra-Delivery` header, the same at every attempt) and
    its attempts: `status` pending | delivered | failed | cancelled; `next_attempt_at` on the platform clock. A case
    event is queued once for an endpoint (`event_id`, the timeline entry's); a test has no event."""

    __tablename__ = "creditor_webhook_deliveries"
    __table_args__ = (
        Index("ix_creditor_webhook_deliveries_due", "next_attempt_at", postgresql_where=text("status = 'pending'")),
        Index("ix_creditor_webhook_deliveries_webhook", "webhook_id", "created_at"),
        UniqueConstraint("webhook_id", "event_id", name="uq_creditor_webhook_deliveries_event"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    webhook_id: uuid.UUID = Field(sa_column=Column(ForeignKey("creditor_webhooks.id"), nullable=False))
    creditor_id: uuid.UUID
    event_id: str | None = None
    case_id: uuid.UUID | None = None
    event_type: str
    body: str = Field(sa_column=Column(Text, nullable=False))
    status: str = "pending"
    attempts: int = 0
    last_status_code: int | None = None
    last_error: str | None = None
    attempts_log: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    created_at: datetime = _instant()
    next_attempt_at: datetime | None = _instant(nullable=True)
    delivered_at: datetime | None = _instant(nullable=True)
