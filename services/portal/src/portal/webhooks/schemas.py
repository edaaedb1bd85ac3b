"""What the webhook routes read and write: a creditor's endpoints, and the log of deliveries to them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field

from shared.webhooks import DeliveryAttempt

EventName = Annotated[str, Field(min_length=3, max_length=80, pattern=r"^[a-z_]+(\.[a-z_]+)+$")]


class WebhookCreate(BaseModel):
    """An endpoint of the creditor's system. `events` names the types it wants (GET /api/v1/webhooks/event-types);
    left empty, it receives every type. The signing secret is generated and shown in this answer only."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "url": "https://erp.creancier.example/recouvra/webhooks",
                    "events": ["intake.payment.recorded", "intake.case.closed"],
                    "description": "ERP : rapprochement des encaissements",
                }
            ]
        },
    )

    url: Annotated[AnyHttpUrl, Field(max_length=500)]
    events: Annotated[list[EventName], Field(max_length=100)] = []
    description: Annotated[str, Field(max_length=200)] = ""
    creditor_id: uuid.UUID | None = Field(
        default=None, description="agency staff: the creditor the endpoint is for; a creditor user leaves it out"
    )


class WebhookChange(BaseModel):
    """What changes; a field left out stays as it is. `active: false` stops the deliveries (those waiting are
    cancelled); `true` starts them again for what happens from then on."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"active": False}]})

    url: Annotated[AnyHttpUrl, Field(max_length=500)] | None = None
    events: Annotated[list[EventName], Field(max_length=100)] | None = None
    description: Annotated[str, Field(max_length=200)] | None = None
    active: bool | None = None


class WebhookPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    creditor_id: uuid.UUID
    url: str
    description: str
    events: list[str] = Field(description="the types it receives; empty: every type")
    active: bool
    created_by: str
    created_at: datetime
    updated_at: datetime
    previous_valid_until: datetime | None = Field(
        description="after a rotation, until then every delivery is signed with the previous secret too"
    )


class WebhookCreated(WebhookPublic):
    secret: str = Field(description="the signing secret, shown in this answer only (and at a rotation)")


class WebhookSecret(BaseModel):
    id: uuid.UUID
    secret: str = Field(description="the new signing secret, shown in this answer only")
    previous_valid_until: datetime | None = Field(description="the previous secret signs beside it until then")


class WebhookPage(BaseModel):
    items: list[WebhookPublic]
    total: int


class DeliveryPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="the X-Recouvra-Delivery header, the same at every attempt")
    webhook_id: uuid.UUID
    event_type: str = Field(examples=["intake.case.closed"])
    event_id: str | None = Field(description="the case event it tells; none for a test")
    case_id: uuid.UUID | None
    status: str = Field(examples=["delivered"], description="pending | delivered | failed | cancelled")
    attempts: int
    last_status_code: int | None
    last_error: str | None
    attempts_log: list[DeliveryAttempt]
    created_at: datetime = Field(description="when what it tells happened")
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    body: str = Field(description="the exact text POSTed and signed")


class DeliveryPage(BaseModel):
    items: list[DeliveryPublic] = Field(description="the newest first")
    total: int


class EventType(BaseModel):
    name: str = Field(examples=["dunning.message.sent"])
    service: str = Field(examples=["dunning"])


class EventTypeList(BaseModel):
    items: list[EventType]
