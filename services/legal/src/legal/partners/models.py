"""Tables of partners and their missions and webhooks: the partner firms (bailiffs, insurers, factors), the missions
staff give partner bailiffs, what the bailiffs report on them (status, funds collected, costs), the deeds they
upload, each partner's webhook endpoint and the log of deliveries to it."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, DateTime, ForeignKey, Index, LargeBinary, Numeric, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

MONEY = Numeric(14, 2)


def _instant(*, nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


class Partner(SQLModel, table=True):
    """A bailiff firm, credit insurer or factor the agency works with."""

    __tablename__ = "partners"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    kind: str = Field(description="bailiff | insurer | factor")
    name: str
    active: bool = True
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class Mission(SQLModel, table=True):
    """A case given to a partner bailiff. `creditor_id` is the case's creditor as intake answered when the mission was
    assigned (legal holds no projection of cases): it decides who may see the mission and its costs.
    `status`: assigned, then the last step the bailiff reported (served | search_unsuccessful | seizure), or
    withdrawn | closed once staff end it. `references` are what the agency attached for the bailiff: the
    procedure's request and order references, a title's date."""

    __tablename__ = "legal_missions"
    __table_args__ = (Index("ix_legal_missions_partner_assigned", "partner_id", "assigned_at"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(index=True)
    creditor_id: uuid.UUID = Field(index=True)
    partner_id: uuid.UUID = Field(sa_column=Column(ForeignKey("partners.id"), nullable=False))
    procedure_id: uuid.UUID | None = None
    kind: str
    status: str = "assigned"
    instructions: str = Field(default="", sa_column=Column(Text, nullable=False))
    references: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    case_reference: str
    currency: str = "EUR"
    assigned_by: str
    assigned_at: datetime = _instant()
    updated_at: datetime = _instant()
    ended_on: date | None = None  # the day staff or the case's closing ended it: what happened until then is reported
    end_note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class MissionReport(SQLModel, table=True):
    """One event a bailiff posted on a mission: a status step (served, search_unsuccessful, seizure), funds
    collected, or a cost incurred. A report with a `reference` is unique on its mission (the natural idempotency
    of funds: the same reference is the same collection); a status step is unique by its type and date."""

    __tablename__ = "legal_mission_reports"
    __table_args__ = (
        Index(
            "uq_legal_mission_reports_reference",
            "mission_id",
            "reference",
            unique=True,
            postgresql_where=text("reference IS NOT NULL"),
        ),
        Index(
            "uq_legal_mission_reports_step",
            "mission_id",
            "type",
            "occurred_on",
            unique=True,
            postgresql_where=text("type IN ('served', 'search_unsuccessful', 'seizure')"),
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    mission_id: uuid.UUID = Field(sa_column=Column(ForeignKey("legal_missions.id"), nullable=False, index=True))
    case_id: uuid.UUID = Field(index=True)
    type: str
    occurred_on: date
    amount: Decimal | None = Field(default=None, sa_column=Column(MONEY, nullable=True))
    currency: str | None = None
    reference: str | None = None
    tariff: str | None = None
    borne_by: str | None = None
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    reported_by: str
    recorded_at: datetime = _instant()
    reversed_on: date | None = None  # funds collected whose payment intake reversed (docs/rules.md §4.1)
    reversal_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class MissionDeed(SQLModel, table=True):
    """A deed the bailiff uploaded (the act served, the seizure report): a PDF, kept in the database since deeds are
    small and few; the same file twice on one mission is the same deed."""

    __tablename__ = "legal_mission_deeds"
    __table_args__ = (UniqueConstraint("mission_id", "sha256", name="uq_legal_mission_deeds_content"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # uq_legal_mission_deeds_content leads with it
    mission_id: uuid.UUID = Field(sa_column=Column(ForeignKey("legal_missions.id"), nullable=False))
    kind: str
    filename: str
    media_type: str = "application/pdf"
    size: int
    sha256: str
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    uploaded_by: str
    uploaded_at: datetime = _instant()


class PartnerWebhook(SQLModel, table=True):
    """Where a partner receives our webhooks, and the secret they are signed with. A rotation keeps the previous
    secret until `previous_valid_until`: meanwhile every delivery is signed with both (docs/partners.md)."""

    __tablename__ = "legal_partner_webhooks"

    partner_id: uuid.UUID = Field(sa_column=Column(ForeignKey("partners.id"), primary_key=True))
    url: str
    secret: str
    previous_secret: str | None = None
    previous_valid_until: datetime | None = _instant(nullable=True)
    registered_at: datetime = _instant()
    rotated_at: datetime = _instant()


class WebhookDelivery(SQLModel, table=True):
    """One notification to a partner (its id is the `X-Recouvra-Delivery` header, the same at every attempt) and its
    attempts: `status` pending | delivered | failed; `next_attempt_at` on the platform clock; `attempts_log` the
    instant, HTTP status (or error) of each attempt."""

    __tablename__ = "legal_webhook_deliveries"
    __table_args__ = (
        Index("ix_legal_webhook_deliveries_due", "next_attempt_at", postgresql_where=text("status = 'pending'")),
        Index("ix_legal_webhook_deliveries_partner", "partner_id", "created_at"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    partner_id: uuid.UUID = Field(sa_column=Column(ForeignKey("partners.id"), nullable=False))
    mission_id: uuid.UUID | None = None
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
