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
    def wrap_as_text(cls, event: Event, *, subject: str | None, tenant: str | None, time: datetime) -> tuple[str, str]:
        """The envelope's id and its JSON text, what `wrap(...).model_dump(mode="json", exclude_none=True)` holds,
        for a bulk writer: the envelope and the event are each serialised once by pydantic's own JSON writer, with
        no dictionary in between, and the event's data goes into the envelope as it is."""
        shell = cls(source=event.source(), type=event.type, subject=subject, tenant=tenant, time=time, data={})
        head = shell.model_dump_json(exclude_none=True)
        if not head.endswith(_EMPTY_DATA):  # `data` is the last field and the shell carries no extra
            raise AssertionError(f"the envelope does not end with its data: {head}")
        return shell.id, f'{head[: -len(_EMPTY_DATA)]}"data":{event.model_dump_json()}}}'

    def to_bytes(self) -> bytes:
        return self.model_dump_json(exclude_none=True).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> CloudEvent:
        return cls.model_validate_json(raw)


_EMPTY_DATA = '"data":{}}'
