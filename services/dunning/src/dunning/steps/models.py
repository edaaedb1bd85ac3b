"""The scheduled steps of a case's scenario, and the phone tasks its phone steps give."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Column, DateTime, Index, text
from sqlmodel import Field, SQLModel

from shared.table_rows import SetOnce


def _instant(nullable: bool = False, *, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable, index=index))


class DunningStep(SetOnce, SQLModel, table=True):
    """One step of a case's scenario, scheduled for `due_at`. At most one step per case is scheduled or sending at
    a time (a partial unique index), which is what makes catching up after downtime one step per case."""

    __tablename__ = "dunning_steps"
    __table_args__ = (
        Index(
            "uq_dunning_steps_one_pending",
            "case_id",
            unique=True,
            postgresql_where=text("status IN ('scheduled', 'sending')"),
        ),
        Index("ix_dunning_steps_due", "due_at", "id", postgresql_where=text("status = 'scheduled'")),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(index=True)
    position: int
    code: str
    channel: str
    template: str
    due_at: datetime = _instant()
    status: str = "scheduled"  # scheduled | sending | done | skipped | failed | cancelled
    attempts: int = 0
    message_id: uuid.UUID | None = None
    executed_at: datetime | None = _instant(True)
    note: str | None = None
    # Why the preparing pass last moved the step instead of sending it (`outbound.holds`): window | weekly_cap | call |
    # reply, the instant it moved it to (the reason holds while `due_at` is still that), and the call, the reply or
    # the oldest contact counted that holds it.
    waits_for: str | None = None
    waits_until: datetime | None = _instant(True)
    waits_since: datetime | None = _instant(True)


class PhoneTask(SQLModel, table=True):
    __tablename__ = "dunning_phone_tasks"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(index=True)
    debtor_id: uuid.UUID
    message_id: uuid.UUID | None = None
    due_at: datetime = _instant()
    status: str = "open"  # open | done
    outcome: str | None = None  # reached | promise | dispute | wrong_number | refused | no_answer
    note: str | None = None
    done_by: str | None = None
    done_at: datetime | None = _instant(True)
    # A call-back the debtor asked for on the self-service page: the number to call, and the end of the slot chosen
    # (the task is due at its start). None: a call the scenario put in the queue.
    callback_phone: str | None = None
    callback_until: datetime | None = _instant(True)
