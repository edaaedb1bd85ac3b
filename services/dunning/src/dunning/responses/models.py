"""The debtor's responses and what follows them: promises, disputes, opt-outs, payment plans and their
instalments, and the payments received."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Column, DateTime, Index, Numeric, Text, UniqueConstraint, false, text
from sqlmodel import Field, Session, SQLModel, select

MONEY = Numeric(14, 2)
COLLECTED = frozenset({"debtor_to_agency", "debtor_to_creditor", "bailiff"})
"""A payment's origins that are money the debtor paid (not a credit note or a write-off): the creditor is told of
them, and an experiment's arms count them as collected."""


def _instant(nullable: bool = False, *, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable, index=index))


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
    kind: str = Field(default="dispute", sa_column=Column(Text, nullable=False, server_default="dispute"))
    """dispute (the claim is contested) | payment_declared (the debtor says a payment was already made)"""
    declared_amount: Decimal | None = Field(default=None, sa_column=Column(MONEY, nullable=True))
    declared_on: date | None = None  # a declared payment's amount and day, as the debtor gave them
    category: str | None = None  # a dispute's: what the debtor says is wrong (`shared.events.dunning.DisputeCategory`)
    status: str = "open"  # open | resolved
    outcome: str | None = None  # upheld | cancelled
    opened_at: datetime = _instant()
    opened_by: str
    resolved_at: datetime | None = _instant(True)
    resolved_by: str | None = None
    creditor_answer: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    answered_at: datetime | None = _instant(True)
    answered_by: str | None = None
    creditor_reminded_at: datetime | None = _instant(True)  # the creditor reminded of its answer (`dispute_reminders`)
    # The debtor is told the outcome by e-mail at the next pass (`dispute_outcomes`): what staff wrote for it, whether
    # it is still to be told (disputes resolved before this was kept are not), and when it was.
    debtor_message: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    debtor_to_tell: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))
    debtor_told_at: datetime | None = _instant(True)
    # Staff judged the documents filed for the dispute not enough (`dispute_proofs`): when, who, and what is missing
    # (the creditor is told); a document of a kind the dispute asks for, filed after, is looked at again.
    proof_insufficient_at: datetime | None = _instant(True)
    proof_insufficient_by: str | None = None
    proof_insufficient_note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


class CaseDocument(SQLModel, table=True):
    """A document filed with a case in intake, as its `document.attached` event named it (its content stays in
    intake): what a dispute's proof is read from. Kept whether or not dunning knows the case yet."""

    __tablename__ = "dunning_case_documents"

    document_id: uuid.UUID = Field(primary_key=True)
    case_id: uuid.UUID = Field(index=True)
    kind: str
    filename: str | None = None
    attached_at: datetime = _instant()


class OptOut(SQLModel, table=True):
    """A debtor asked not to be contacted on a channel: honoured for every creditor's case."""

    __tablename__ = "dunning_opt_outs"
    __table_args__ = (UniqueConstraint("debtor_id", "channel"),)

    id: int | None = Field(default=None, primary_key=True)
    debtor_id: uuid.UUID  # the unique (debtor_id, channel) leads with it
    channel: str
    at: datetime = _instant()


def opted_out(session: Session, debtor_id: uuid.UUID, channel: str) -> bool:
    """Whether the debtor asked not to be contacted on `channel`."""
    found = session.exec(select(OptOut.id).where(OptOut.debtor_id == debtor_id, OptOut.channel == channel)).first()
    return found is not None


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
    proposed_by: str  # who entered it: a user's or a client's subject, or DEBTOR (the debtor's own page)
    decided_at: datetime | None = _instant(True)
    decided_by: str | None = None
    note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # the proposal's
    decision_note: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # the creditor's
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
