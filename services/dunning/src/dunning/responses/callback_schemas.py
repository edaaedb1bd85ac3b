"""The API models of a call-back the debtor asks for (`dunning.responses.callbacks`): the slot it chooses, the number
to call, and what it is offered."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BaseModel, Field

from shared.limits import Prose
from shared.phones import normalise_phone


def _phone(value: str) -> str:
    return normalise_phone(value, "FR")


class CallbackIn(BaseModel):
    window: AwareDatetime = Field(description="the chosen slot, named by its `window` (GET .../callbacks: `slots`)")
    phone: Annotated[str, Field(max_length=40), AfterValidator(_phone)] = Field(
        description="the number to call, national (read as French) or international; kept in E.164"
    )
    note: Prose | None = Field(default=None, max_length=500, description="what the debtor wants to talk about")


class CallbackSlotPublic(BaseModel):
    window: datetime = Field(description="the slot's name: the start of its call window")
    start: datetime
    end: datetime


class CallbackPublic(BaseModel):
    task_id: uuid.UUID
    case_id: uuid.UUID
    phone: str
    start: datetime
    end: datetime
    note: str | None


class CallbacksPublic(BaseModel):
    slots: list[CallbackSlotPublic] = Field(description="the slots a call-back may be asked for now, earliest first")
    open: CallbackPublic | None = Field(description="the call-back asked for and not yet made, if any")
