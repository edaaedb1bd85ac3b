"""Every message dunning prepared: the contact log."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, DateTime, Index, LargeBinary, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel


def _instant(nullable: bool = False, *, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable, index=index))


class Message(SQLModel, table=True):
    """Every message, to a debtor or to a creditor: what was sent, to whom, its exact content and what became of
    it. Prepared (rendered, committed) before it is handed to the channel, so a crash in between resends the same
    message under the same identity, which the mail server and providers recognise."""

    __tablename__ = "dunning_messages"
    __table_args__ = (
        Index("ix_dunning_messages_pending", "prepared_at", postgresql_where=text("status = 'prepared'")),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(index=True)
    debtor_id: uuid.UUID | None = Field(default=None, index=True)
    step_id: uuid.UUID | None = Field(default=None, unique=True)
    audience: str = "debtor"  # debtor | creditor
    channel: str
    template: str
    language: str = "fr"
    recipient: str
    subject: str
    body: str = Field(sa_column=Column(Text, nullable=False))
    html: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    content_sha256: str
    document: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))  # the letter's PDF
    recipient_data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSONB, nullable=False))
    first_contact: bool = False
    status: str = "prepared"  # prepared | sent | delivered | bounced | failed | acknowledged
    attempts: int = 0
    provider_id: str | None = None
    detail: str | None = None
    prepared_at: datetime = _instant()
    sent_at: datetime | None = _instant(True)
    delivered_at: datetime | None = _instant(True)
    acknowledged_on: date | None = None


class DebtorReply(SQLModel, table=True):
    """A reply a debtor wrote to one of our e-mails (`dunning.messages.replies`): its text for reading, the whole
    message as received, and whether an agent has read it. Until then it waits in the agency's queue; the debtor's
    next automatic contact waits as after a conversation (`outbound.preparing`)."""

    __tablename__ = "dunning_replies"
    __table_args__ = (Index("ix_dunning_replies_unread", "received_at", postgresql_where=text("read_at IS NULL")),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    identity: str = Field(unique=True)  # its Message-ID (or digest): the same reply read twice is recorded once
    # ours, the one it answers, and its case; none while a reply that named no message is not filed under a case
    message_id: uuid.UUID | None = Field(default=None, index=True)
    case_id: uuid.UUID | None = Field(default=None, index=True)
    debtor_id: uuid.UUID | None = Field(default=None, index=True)
    sender: str
    sender_name: str = ""
    subject: str = ""
    text: str = Field(sa_column=Column(Text, nullable=False))
    attachments: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    topics: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))  # `domain.reply_topics`
    original: bytes = Field(sa_column=Column(LargeBinary, nullable=False))  # the message as received (.eml)
    original_complete: bool = True  # False: too heavy, kept as its headers and text (`replies.kept_original`)
    written_at: datetime | None = _instant(True)
    received_at: datetime = _instant()
    read_at: datetime | None = _instant(True)
    read_by: str | None = None
    answer_id: uuid.UUID | None = None  # the agency's answer, sent from the platform (`responses.reply_answers`)
    answered_at: datetime | None = _instant(True)
    answered_by: str | None = None
