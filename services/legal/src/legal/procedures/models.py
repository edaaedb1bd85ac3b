"""Tables of court procedures: the cases legal knows (from intake's events), the debtor payments that interrupt
prescription, escalation proposals, procedures with their recorded steps and request file, the creditors whose
mandate pre-approves going to court, deadline alerts, and insolvency claim declarations."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, DateTime, Index, LargeBinary, Numeric, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from shared.table_rows import SetOnce

MONEY = Numeric(14, 2)


def _instant(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


class LegalCase(SetOnce, SQLModel, table=True):
    """A validated case as intake's events describe it. `status` is intake's (amicable, legal, claim_declaration,
    closed), with the day and reason of its closing while closed; `insolvency`: the debtor is under insolvency
    proceedings (no court action, L622-21), from its validation or since `stayed_on`, the day intake moved the case
    to claim declaration while it was under collection."""

    __tablename__ = "legal_cases"

    case_id: uuid.UUID = Field(primary_key=True)
    creditor_id: uuid.UUID = Field(index=True)
    debtor_id: uuid.UUID = Field(index=True)
    debtor_name: str
    reference: str
    kind: str  # b2b | b2c
    status: str
    insolvency: bool = False
    earliest_due_on: date
    currency: str = "EUR"
    principal: Decimal = Field(sa_column=Column(MONEY, nullable=False))
    validated_at: datetime = _instant()
    closed_on: date | None = None  # intake's closing, while the case stays closed
    closure_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    stayed_on: date | None = None


class PrescriptionInterruption(SQLModel, table=True):
    """A debtor payment (an acknowledgement, art. 2240 C. civ.), kept whether or not legal knows its case yet."""

    __tablename__ = "legal_prescription_interruptions"

    payment_id: uuid.UUID = Field(primary_key=True)
    case_id: uuid.UUID = Field(index=True)
    on: date


class EscalationPolicy(SQLModel, table=True):
    """A creditor whose mandate pre-approves legal escalation: its exhausted cases open a procedure at once."""

    __tablename__ = "legal_escalation_policies"

    creditor_id: uuid.UUID = Field(primary_key=True)
    preapproved: bool = False
    kind: str = "injonction_de_payer"
    updated_at: datetime = _instant()
    updated_by: str


class Proposal(SQLModel, table=True):
    """What legal proposes for an exhausted case. `status`: proposed (go to court) | closing_proposed (the mandate
    does not cover the legal phase: close the case) | approved | refused | withdrawn (the case closed first)."""

    __tablename__ = "legal_proposals"
    __table_args__ = (UniqueConstraint("source_event_id", name="uq_legal_proposals_source_event"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(index=True)
    creditor_id: uuid.UUID = Field(index=True)
    debtor_id: uuid.UUID
    status: str = Field(index=True)
    scenario: str
    exhausted_on: date
    balance: Decimal | None = Field(default=None, sa_column=Column(MONEY, nullable=True))
    source_event_id: str
    procedure_id: uuid.UUID | None = None
    decided_by: str | None = None
    decided_at: datetime | None = _instant(nullable=True)
    decision_note: str | None = None


class Procedure(SQLModel, table=True):
    """A payment order or small-claims procedure; at most one alive per case (a rejected or void one may be
    followed by a new request)."""

    __tablename__ = "legal_procedures"
    __table_args__ = (
        Index(
            "uq_legal_procedures_one_alive",
            "case_id",
            unique=True,
            postgresql_where=text("state NOT IN ('closed', 'rejected', 'void')"),
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(index=True)
    creditor_id: uuid.UUID = Field(index=True)
    debtor_id: uuid.UUID
    kind: str
    state: str = Field(index=True)
    court_kind: str
    court_place: str | None = None
    claimed: Decimal | None = Field(default=None, sa_column=Column(MONEY, nullable=True))
    currency: str = "EUR"
    proposal_id: uuid.UUID | None = None
    approved_by: str
    opened_on: date
    created_at: datetime = _instant()
    updated_at: datetime = _instant()


class ProcedureStep(SQLModel, table=True):
    __tablename__ = "legal_procedure_steps"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    procedure_id: uuid.UUID = Field(foreign_key="legal_procedures.id", index=True)
    state: str
    occurred_on: date
    recorded_at: datetime = _instant()
    recorded_by: str
    note: str | None = None


class RequestFile(SQLModel, table=True):
    """The request (requête) as generated, with its list of exhibits and what the file lacks."""

    __tablename__ = "legal_request_files"

    procedure_id: uuid.UUID = Field(foreign_key="legal_procedures.id", primary_key=True)
    pdf: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    sha256: str
    as_of: date
    exhibits: list[dict[str, Any]] = Field(sa_column=Column(JSONB, nullable=False))
    missing: list[str] = Field(sa_column=Column(JSONB, nullable=False))
    generated_at: datetime = _instant()


class LegalAlert(SQLModel, table=True):
    """A deadline within the alert window, raised once by the daily job; resolved when it no longer needs acting
    on (the act was recorded, the procedure or the case ended)."""

    __tablename__ = "legal_alerts"
    __table_args__ = (UniqueConstraint("case_id", "subject", "kind", "due_on", name="uq_legal_alerts_once"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID  # uq_legal_alerts_once leads with it
    creditor_id: uuid.UUID = Field(index=True)
    procedure_id: uuid.UUID | None = None
    subject: str  # the procedure's id, or "case" for the prescription
    kind: str
    due_on: date = Field(index=True)
    rule: str
    rule_fr: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    raised_on: date
    resolved_on: date | None = None


class InsolvencyClaim(SQLModel, table=True):
    """The claim declaration of a case whose debtor is under insolvency proceedings, to its outcome."""

    __tablename__ = "legal_insolvency_claims"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(unique=True)
    creditor_id: uuid.UUID = Field(index=True)
    status: str
    claim_deadline: date | None = None
    declared_on: date | None = None
    declared: Decimal | None = Field(default=None, sa_column=Column(MONEY, nullable=True))
    admitted: Decimal | None = Field(default=None, sa_column=Column(MONEY, nullable=True))
    paid: Decimal = Field(default=Decimal("0.00"), sa_column=Column(MONEY, nullable=False))
    currency: str = "EUR"
    updated_at: datetime = _instant()


class InsolvencyClaimStep(SQLModel, table=True):
    __tablename__ = "legal_insolvency_claim_steps"
    __table_args__ = (UniqueConstraint("claim_id", "reference", name="uq_legal_insolvency_claim_steps_reference"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # uq_legal_insolvency_claim_steps_reference leads with it
    claim_id: uuid.UUID = Field(foreign_key="legal_insolvency_claims.id")
    status: str
    occurred_on: date
    amount: Decimal | None = Field(default=None, sa_column=Column(MONEY, nullable=True))
    reference: str | None = None  # the administrator's payment reference (idempotent)
    recorded_at: datetime = _instant()
    recorded_by: str
