"""What the webhook routes read and write: a partner's endpoint and secret, and the log of deliveries to it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field

from shared.webhooks import DeliveryAttempt

MIN_SECRET_CHARS = 32


class WebhookIn(BaseModel):
    """The partner's endpoint, and optionally its secret (at least 32 printable characters). Left out at the first
    registration, a secret is generated and shown once in the answer; left out later, the current one is kept.
    A different secret is a rotation: the previous one stays valid for the grace period (every delivery meanwhile
    is signed with both)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"url": "https://etude-demo.example/recouvra/webhooks", "secret": "s3cr3t-" + "x" * 32}]
        },
    )

    url: Annotated[AnyHttpUrl, Field(max_length=500)]
    secret: Annotated[str, Field(min_length=MIN_SECRET_CHARS, max_length=200, pattern=r"^[\x21-\x7e]+$")] | None = None


class WebhookPublic(BaseModel):
    partner_id: uuid.UUID
    url: str
    registered_at: datetime
    rotated_at: datetime
    previous_secret_valid_until: datetime | None = Field(
        description="until then, deliveries are signed with the previous secret too"
    )
    secret: str | None = Field(
        default=None, description="a generated secret, shown only in the answer of the registration that made it"
    )


class DeliveryPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="the X-Recouvra-Delivery header, the same at every attempt")
    mission_id: uuid.UUID | None
    event_type: str = Field(examples=["mission.assigned"])
    status: str = Field(examples=["delivered"], description="pending | delivered | failed")
    attempts: int
    last_status_code: int | None
    last_error: str | None
    attempts_log: list[DeliveryAttempt]
    created_at: datetime
    next_attempt_at: datetime | None
    delivered_at: datetime | None


class DeliveryPage(BaseModel):
    items: list[DeliveryPublic]
    total: int
