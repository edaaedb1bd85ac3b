"""CloudEvents 1.0 in structured JSON mode, with the `tenant` extension (the creditor id)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.events.base import Event


class CloudEvent(BaseModel):
    model_config = ConfigDict(frozen=True, extra="allow")

    specversion: Literal["1.0"] = "1.0"
    id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    source: str
    type: str
    subject: str | None = None
    time: datetime
    datacontenttype: Literal["application/json"] = "application/json"
    tenant: str | None = None
    data: dict[str, Any]

    @classmethod
    def wrap(cls, event: Event, *, subject: str | None, tenant: str | None, time: datetime) -> CloudEvent:
        return cls(
            source=event.source(),
            type=event.type,
            subject=subject,
            tenant=tenant,
            time=time,
            data=event.model_dump(mode="json"),
        )

    @classmethod
    def wrap_as_json(cls, event: Event, *, subject: str | None, tenant: str | None, time: datetime) -> dict[str, Any]:
        """`wrap(...).model_dump(mode="json", exclude_none=True)` for a bulk writer: the event's data is dumped
        once and put in the envelope as it is, instead of being validated and dumped again with it."""
        shell = cls(source=event.source(), type=event.type, subject=subject, tenant=tenant, time=time, data={})
        return shell.model_dump(mode="json", exclude_none=True) | {"data": event.model_dump(mode="json")}

    def to_bytes(self) -> bytes:
        return self.model_dump_json(exclude_none=True).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> CloudEvent:
        return cls.model_validate_json(raw)
