"""procedures: the cases legal knows, prescription interruptions, escalation policies and proposals, procedures
with their steps and request files, deadline alerts, insolvency claims

Revision ID: legal_0004
Revises: legal_0003
Create Date: 2026-12-02 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "legal_0004"
down_revision: str | None = "legal_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "legal_alerts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("creditor_id", sa.Uuid(), nullable=False),
        sa.Column("procedure_id", sa.Uuid(), nullable=True),
        sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("rule", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "subject", "kind", "due_on", name="uq_legal_alerts_once"),
    )
    op.create_index(op.f("ix_legal_alerts_case_id"), "legal_alerts", ["case_id"], unique=False)
    op.create_index(op.f("ix_legal_alerts_creditor_id"), "legal_alerts", ["creditor_id"], unique=False)
    op.create_index(op.f("ix_legal_alerts_due_on"), "legal_alerts", ["due_on"], unique=False)
    op.create_table(
        "legal_cases",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("creditor_id", sa.Uuid(), nullable=False),
        sa.Column("debtor_id", sa.Uuid(), nullable=False),
        sa.Column("debtor_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("reference", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("insolvency", sa.Boolean(), nullable=False),
        sa.Column("earliest_due_on", sa.Date(), nullable=False),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("principal", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("validated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("case_id"),
    )
    op.create_index(op.f("ix_legal_cases_creditor_id"), "legal_cases", ["creditor_id"], unique=False)
    op.create_index(op.f("ix_legal_cases_debtor_id"), "legal_cases", ["debtor_id"], unique=False)
    op.create_table(
        "legal_escalation_policies",
        sa.Column("creditor_id", sa.Uuid(), nullable=False),
        sa.Column("preapproved", sa.Boolean(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("creditor_id"),
    )
    op.create_table(
        "legal_insolvency_claims",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("creditor_id", sa.Uuid(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("claim_deadline", sa.Date(), nullable=True),
        sa.Column("declared_on", sa.Date(), nullable=True),
        sa.Column("declared", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("admitted", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("paid", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id"),
    )
    op.create_index(
        op.f("ix_legal_insolvency_claims_creditor_id"), "legal_insolvency_claims", ["creditor_id"], unique=False
    )
    op.create_table(
        "legal_prescription_interruptions",
        sa.Column("payment_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("payment_id"),
    )
    op.create_index(
        op.f("ix_legal_prescription_interruptions_case_id"),
        "legal_prescription_interruptions",
        ["case_id"],
        unique=False,
    )
    op.create_table(
        "legal_procedures",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("creditor_id", sa.Uuid(), nullable=False),
        sa.Column("debtor_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("court_kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("court_place", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("claimed", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("proposal_id", sa.Uuid(), nullable=True),
        sa.Column("approved_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_legal_procedures_case_id"), "legal_procedures", ["case_id"], unique=False)
    op.create_index(op.f("ix_legal_procedures_creditor_id"), "legal_procedures", ["creditor_id"], unique=False)
    op.create_index(op.f("ix_legal_procedures_state"), "legal_procedures", ["state"], unique=False)
    op.create_index(
        "uq_legal_procedures_one_alive",
        "legal_procedures",
        ["case_id"],
        unique=True,
        postgresql_where=sa.text("state NOT IN ('closed', 'rejected', 'void')"),
    )
    op.create_table(
        "legal_proposals",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("creditor_id", sa.Uuid(), nullable=False),
        sa.Column("debtor_id", sa.Uuid(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("scenario", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("exhausted_on", sa.Date(), nullable=False),
        sa.Column("balance", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("source_event_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("procedure_id", sa.Uuid(), nullable=True),
        sa.Column("decided_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_event_id", name="uq_legal_proposals_source_event"),
    )
    op.create_index(op.f("ix_legal_proposals_case_id"), "legal_proposals", ["case_id"], unique=False)
    op.create_index(op.f("ix_legal_proposals_creditor_id"), "legal_proposals", ["creditor_id"], unique=False)
    op.create_index(op.f("ix_legal_proposals_status"), "legal_proposals", ["status"], unique=False)
    op.create_table(
        "legal_insolvency_claim_steps",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("claim_id", sa.Uuid(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("reference", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["legal_insolvency_claims.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("claim_id", "reference", name="uq_legal_insolvency_claim_steps_reference"),
    )
    op.create_index(
        op.f("ix_legal_insolvency_claim_steps_claim_id"), "legal_insolvency_claim_steps", ["claim_id"], unique=False
    )
    op.create_table(
        "legal_procedure_steps",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("procedure_id", sa.Uuid(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(
            ["procedure_id"],
            ["legal_procedures.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        op.f("ix_legal_procedure_steps_procedure_id"), "legal_procedure_steps", ["procedure_id"], unique=False
    )
    op.create_table(
        "legal_request_files",
        sa.Column("procedure_id", sa.Uuid(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("exhibits", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("missing", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("generated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["procedure_id"],
            ["legal_procedures.id"],
        ),
        sa.PrimaryKeyConstraint("procedure_id"),
    )


def downgrade() -> None:
    op.drop_table("legal_request_files")
    op.drop_index(op.f("ix_legal_procedure_steps_procedure_id"), table_name="legal_procedure_steps")
    op.drop_table("legal_procedure_steps")
    op.drop_index(op.f("ix_legal_insolvency_claim_steps_claim_id"), table_name="legal_insolvency_claim_steps")
    op.drop_table("legal_insolvency_claim_steps")
    op.drop_index(op.f("ix_legal_proposals_status"), table_name="legal_proposals")
    op.drop_index(op.f("ix_legal_proposals_creditor_id"), table_name="legal_proposals")
    op.drop_index(op.f("ix_legal_proposals_case_id"), table_name="legal_proposals")
    op.drop_table("legal_proposals")
    op.drop_index(
        "uq_legal_procedures_one_alive",
        table_name="legal_procedures",
        postgresql_where=sa.text("state NOT IN ('closed', 'rejected', 'void')"),
    )
    op.drop_index(op.f("ix_legal_procedures_state"), table_name="legal_procedures")
    op.drop_index(op.f("ix_legal_procedures_creditor_id"), table_name="legal_procedures")
    op.drop_index(op.f("ix_legal_procedures_case_id"), table_name="legal_procedures")
    op.drop_table("legal_procedures")
    op.drop_index(op.f("ix_legal_prescription_interruptions_case_id"), table_name="legal_prescription_interruptions")
    op.drop_table("legal_prescription_interruptions")
    op.drop_index(op.f("ix_legal_insolvency_claims_creditor_id"), table_name="legal_insolvency_claims")
    op.drop_table("legal_insolvency_claims")
    op.drop_table("legal_escalation_policies")
    op.drop_index(op.f("ix_legal_cases_debtor_id"), table_name="legal_cases")
    op.drop_index(op.f("ix_legal_cases_creditor_id"), table_name="legal_cases")
    op.drop_table("legal_cases")
    op.drop_index(op.f("ix_legal_alerts_due_on"), table_name="legal_alerts")
    op.drop_index(op.f("ix_legal_alerts_creditor_id"), table_name="legal_alerts")
    op.drop_index(op.f("ix_legal_alerts_case_id"), table_name="legal_alerts")
    op.drop_table("legal_alerts")
