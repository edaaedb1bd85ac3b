"""What the fake provider accepts (docs/providers.md): the SMS and letter requests, checked as the real
provider checks them, and the record it keeps of each accepted one."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")
SMS_MAX_CHARS = 640


RequestT = TypeVar("RequestT", bound=BaseModel)


class Refused(Exception):
    """A request the provider answers 422 `{"detail": ...}`."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class SmsRequest(_Strict):
    reference: str = Field(min_length=1)
    to: str
    text: str = Field(min_length=1)
    callback_url: str = Field(pattern=r"^https?://")

    @field_validator("to")
    @classmethod
    def _e164(cls, value: str) -> str:
        if not E164.match(value):
            raise ValueError(f"'{value}' is not an E.164 number such as +33612345678")
        return value

    @field_validator("text")
    @classmethod
    def _length(cls, value: str) -> str:
        if len(value) > SMS_MAX_CHARS:
            raise ValueError(f"the text has {len(value)} characters, more than {SMS_MAX_CHARS}")
        return value


class Party(_Strict):
    name: str = Field(min_length=1)
    address_lines: list[str]

    @field_validator("address_lines")
    @classmethod
    def _some_lines(cls, value: list[str]) -> list[str]:
        lines = [line.strip() for line in value if line.strip()]
        if not lines:
            raise ValueError("no address lines")
        return lines


class LetterRequest(_Strict):
    reference: str = Field(min_length=1)
    service: Literal["simple", "registered_ar"]
    sender: Party
    recipient: Party
    pdf_base64: str
    callback_url: str = Field(pattern=r"^https?://")

    def pdf(self) -> bytes:
        try:
            content = base64.b64decode(self.pdf_base64, validate=True)
        except binascii.Error as exc:
            raise Refused("pdf_base64: not base64") from exc
        if not content.startswith(b"%PDF-"):
            raise Refused("pdf_base64: not a PDF (a PDF starts with %PDF-)")
        return content


class EventRequest(_Strict):
    """A control route's order: send this callback now."""

    status: Literal["delivered", "failed", "bounced", "acknowledged", "returned"]
    received_on: date | None = None
    detail: str | None = None


def parse(model: type[RequestT], body: bytes) -> RequestT:
    """The request, or `Refused` naming the first field at fault (the provider answers one sentence)."""
    try:
        return model.model_validate_json(body)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"]) or "body"
        message = str(error["msg"]).removeprefix("Value error, ")
        raise Refused(f"{where}: {message}") from exc


@dataclass
class Accepted:
    """One accepted request, with the answer it got (a repeated reference gets it again) and its events."""

    id: str
    kind: Literal["sms", "letter"]
    reference: str
    callback_url: str
    recipient: Any  # the number of an SMS, the {name, address_lines} of a letter
    service: str | None = None
    tracking_number: str | None = None
    text: str | None = None
    pdf_path: str | None = None
    status: str = "accepted"
    events: list[dict[str, Any]] = field(default_factory=list)

    def answer(self) -> dict[str, Any]:
        body: dict[str, Any] = {"id": self.id, "status": "accepted"}
        if self.kind == "letter":
            body["tracking_number"] = self.tracking_number
        return body

    def listing(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "reference": self.reference,
            "service": self.service,
            "status": self.status,
            "recipient": self.recipient,
            "tracking_number": self.tracking_number,
            "text": self.text,
            "pdf_path": self.pdf_path,
            "callback_url": self.callback_url,
            "events": list(self.events),
        }
