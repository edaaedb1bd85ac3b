"""Dunning's own tables: scenarios, the cases it works (projected from intake's events), the scheduled steps,
every message (the contact log), phone tasks, promises, payment plans, disputes, opt-outs and template overrides."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, DateTime, Index, LargeBinary, Numeric, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

MONEY = Numeric(14, 2)


def _instant(nullable: bool = False, *, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable, index=index))


class ScenarioRecord(SQLModel, table=True):
    """A scenario as staff saved it; `steps` is the list the API shows (code, channel, template, offset_days,
    anchor, conditions)."""

    __tablename__ = "dunning_scenarios"

    code: str = Field(primary_key=True, max_length=80)
    name: str
    steps: list[dict[str, Any]] = Field(sa_column=Column(JSONB, nullable=False))
    exhaust_after_days: int
    version: int = 1
    updated_at: datetime = _instant()
    updated_by: str


class DunningCreditor(SQLModel, table=True):
    __tablename__ = "dunning_creditors"

    creditor_id: uuid.UUID = Field(primary_key=True)
    name: str
    email: str | None = None
    legal_allowed: bool = False  # the mandate covers the legal phase: exhaustion hands the case to legal


class DunningCase(SQLModel, table=True):
    """A validated case dunning works. `status`: active | promise (paused until a promised day) | plan (quiet while
    a payment plan runs) | dispute (every channel held) | exhausted | legal | closed."""

    __tablename__ = "dunning_cases"

    case_id: uuid.UUID = Field(primary_key=True)
    creditor_id: uuid.UUID = Field(index=True)
    debtor_id: uuid.UUID = Field(index=True)
    reference: str
    kind: str
    scenario: str
    status: str = "active"
    due_on: date  # the earliest due date of its unpaid invoices: step offsets count from it
    currency: str = "EUR"
    balance: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    grade: str | None = None
    next_position: int = 0  # the scenario step to run next
    first_message_id: uuid.UUID | None = None  # the R124-4 letter
    first_contact_on: date | None = None
    exhausts_on: date | None = None  # set once the last step went out
    validated_at: datetime = _instant()
    updated_at: datetime = _instant()


class DunningStep(SQLModel, table=True):
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


class Promise(SQLModel, table=True):
    __tablename__ = "dunning_promises"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(index=True)
    amount: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    currency: str = "EUR"
    due_on: date
    status: str = "open"  # open | kept | broken
    paid: Decimal = Field(default=Decimal("0.00"), sa_column=Column(MONEY, nullable=False))
    made_at: datetime = _instant()
    made_by: str
    settled_on: date | None = None


class Dispute(SQLModel, table=True):
    __tablename__ = "dunning_disputes"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(index=True)
    reason: str = Field(sa_column=Column(Text, nullable=False))
    status: str = "open"  # open | resolved
    outcome: str | None = None  # upheld | cancelled
    opened_at: datetime = _instant()
    opened_by: str
    resolved_at: datetime | None = _instant(True)
    resolved_by: str | None = None
    creditor_answer: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    answered_at: datetime | None = _instant(True)
    answered_by: str | None = None


class PaymentPlan(SQLModel, table=True):
    """A payment plan (échéancier). `status`: proposed (put to the creditor) | agreed (running: the case is in
    status `plan`) | refused | completed | breached | replaced (by a later plan) | cancelled (by a dispute).
    The grace days and what a breach leads to are terms of the plan, fixed when it is proposed."""

    __tablename__ = "dunning_plans"
    __table_args__ = (
        Index(
            "uq_dunning_plans_one_running",
            "case_id",
            unique=True,
            postgresql_where=text("status = 'agreed'"),
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(index=True)
    status: str = "proposed"
    total: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    currency: str = "EUR"
    balance: Decimal = Field(sa_column=Column(MONEY, nullable=False))  # the case's balance when proposed
    grace_days: int
    escalates: bool = False  # a breach sends the case to legal (the mandate allowing it) instead of resuming
    proposed_at: datetime = _instant()
    proposed_by: str
    decided_at: datetime | None = _instant(True)
    decided_by: str | None = None
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    agreed_on: date | None = None
    ended_on: date | None = None  # completed, breached, replaced, refused or cancelled on
    missed_due_on: date | None = None
    next_action: str | None = None  # after a breach: resume | escalate


class PlanInstalment(SQLModel, table=True):
    __tablename__ = "dunning_plan_instalments"

    plan_id: uuid.UUID = Field(primary_key=True)
    position: int = Field(primary_key=True)
    due_on: date
    amount: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    paid: Decimal = Field(default=Decimal("0.00"), sa_column=Column(MONEY, nullable=False))
    paid_on: date | None = None  # the day of the payment that completed it


class CasePayment(SQLModel, table=True):
    """Payments intake recorded on a case, as dunning heard of them (promises are measured against them), with
    what each gave an open promise and a plan's instalments, so that a reversal takes exactly that back out."""

    __tablename__ = "dunning_payments"

    payment_id: uuid.UUID = Field(primary_key=True)
    case_id: uuid.UUID = Field(index=True)
    amount: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    received_on: date
    origin: str
    promise_id: uuid.UUID | None = None
    promise_share: Decimal = Field(default=Decimal("0.00"), sa_column=Column(MONEY, nullable=False, server_default="0"))
    plan_id: uuid.UUID | None = None
    plan_share: Decimal = Field(default=Decimal("0.00"), sa_column=Column(MONEY, nullable=False, server_default="0"))
    reversed_on: date | None = None  # intake reversed it (docs/rules.md §4.1): it no longer counts


class OptOut(SQLModel, table=True):
    """A debtor asked not to be contacted on a channel: honoured for every creditor's case."""

    __tablename__ = "dunning_opt_outs"
    __table_args__ = (UniqueConstraint("debtor_id", "channel"),)

    id: int | None = Field(default=None, primary_key=True)
    debtor_id: uuid.UUID = Field(index=True)
    channel: str
    at: datetime = _instant()


class TemplateOverrideRecord(SQLModel, table=True):
    """A creditor's own wording of one template in one language (checked for the mandatory mentions at send)."""

    __tablename__ = "dunning_template_overrides"
    __table_args__ = (UniqueConstraint("creditor_id", "template", "language"),)

    id: int | None = Field(default=None, primary_key=True)
    creditor_id: uuid.UUID
    template: str
    language: str
    subject: str = Field(sa_column=Column(Text, nullable=False))
    text: str = Field(sa_column=Column(Text, nullable=False))
    html: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    updated_at: datetime = _instant()
