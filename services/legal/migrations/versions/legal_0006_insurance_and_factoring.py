"""insurance and factoring: policies, claims and their steps, alerts, exposure, the cases' invoices; factoring
contracts, batches, assigned receivables and factor disputes

Revision ID: legal_0006
Revises: legal_0005
Create Date: 2026-12-02 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "legal_0006"
down_revision: str | None = "legal_0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT = sqlmodel.sql.sqltypes.AutoString
MONEY = sa.Numeric(precision=14, scale=2)
OPEN_CLAIM = sa.text("state IN ('declared', 'documents_sent', 'accepted')")
OPEN_ALERT = sa.text("resolved_on IS NULL")
HELD = sa.text("status = 'assigned'")


def upgrade() -> None:
    op.create_table(
        "insurance_cases",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("creditor_id", sa.Uuid(), nullable=False),
        sa.Column("debtor_id", sa.Uuid(), nullable=False),
        sa.Column("debtor_name", TEXT(), nullable=False),
        sa.Column("debtor_siren", TEXT(), nullable=True),
        sa.Column("reference", TEXT(), nullable=False),
        sa.Column("kind", TEXT(), nullable=False),
        sa.PrimaryKeyConstraint("case_id"),
    )
    op.create_index(op.f("ix_insurance_cases_creditor_id"), "insurance_cases", ["creditor_id"], unique=False)
    op.create_table(
        "insurance_case_invoices",
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("number", TEXT(), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("outstanding", MONEY, nullable=False),
        sa.Column("currency", TEXT(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["insurance_cases.case_id"]),
        sa.PrimaryKeyConstraint("invoice_id"),
    )
    op.create_index(op.f("ix_insurance_case_invoices_case_id"), "insurance_case_invoices", ["case_id"], unique=False)
    op.create_table(
        "insurance_policies",
        sa.Column("creditor_id", sa.Uuid(), nullable=False),
        sa.Column("insurer_id", sa.Uuid(), nullable=False),
        sa.Column("policy_number", TEXT(), nullable=False),
        sa.Column("buyer_limit", MONEY, nullable=True),
        sa.Column("currency", TEXT(), nullable=False),
        sa.Column("declaration_days", sa.Integer(), nullable=False),
        sa.Column("indemnity_percentage", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("waiting_days", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", TEXT(), nullable=False),
        sa.ForeignKeyConstraint(["insurer_id"], ["partners.id"]),
        sa.PrimaryKeyConstraint("creditor_id"),
    )
    op.create_table(
        "insurance_claims",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("creditor_id", sa.Uuid(), nullable=False),
        sa.Column("debtor_id", sa.Uuid(), nullable=False),
        sa.Column("insurer_id", sa.Uuid(), nullable=False),
        sa.Column("policy_number", TEXT(), nullable=False),
        sa.Column("state", TEXT(), nullable=False),
        sa.Column("oldest_due_date", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("declared_on", sa.Date(), nullable=False),
        sa.Column("indemnity_due_from", sa.Date(), nullable=False),
        sa.Column("declared_amount", MONEY, nullable=False),
        sa.Column("expected_indemnity", MONEY, nullable=False),
        sa.Column("currency", TEXT(), nullable=False),
        sa.Column("insurer_reference", TEXT(), nullable=True),
        sa.Column("indemnity_paid", MONEY, nullable=True),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["insurer_id"], ["partners.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_insurance_claims_case_id"), "insurance_claims", ["case_id"], unique=False)
    op.create_index(op.f("ix_insurance_claims_creditor_id"), "insurance_claims", ["creditor_id"], unique=False)
    op.create_index(
        "ux_insurance_claims_open", "insurance_claims", ["case_id"], unique=True, postgresql_where=OPEN_CLAIM
    )
    op.create_table(
        "insurance_claim_steps",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("claim_id", sa.Uuid(), nullable=False),
        sa.Column("step", TEXT(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("amount", MONEY, nullable=True),
        sa.Column("reference", TEXT(), nullable=True),
        sa.Column("note", TEXT(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", TEXT(), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["insurance_claims.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_insurance_claim_steps_claim_id"), "insurance_claim_steps", ["claim_id"], unique=False)
    op.create_table(
        "insurance_alerts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("creditor_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("kind", TEXT(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_insurance_alerts_creditor_id"), "insurance_alerts", ["creditor_id"], unique=False)
    op.create_index(
        "ux_insurance_alerts_open", "insurance_alerts", ["case_id", "kind"], unique=True, postgresql_where=OPEN_ALERT
    )
    op.create_table(
        "insurance_debtor_exposure",
        sa.Column("debtor_id", sa.Uuid(), nullable=False),
        sa.Column("reason", TEXT(), nullable=False),
        sa.Column("insurer_limit", MONEY, nullable=True),
        sa.Column("insurer_grade", sa.Integer(), nullable=True),
        sa.Column("alerted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("debtor_id"),
    )
    _create_factoring()


def _create_factoring() -> None:
    op.create_table(
        "factoring_contracts",
        sa.Column("creditor_id", sa.Uuid(), nullable=False),
        sa.Column("factor_id", sa.Uuid(), nullable=False),
        sa.Column("contract_number", TEXT(), nullable=False),
        sa.Column("with_recourse", sa.Boolean(), nullable=False),
        sa.Column("eligible_debtors", TEXT(), nullable=False),
        sa.Column("debtor_sirens", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("max_amount", MONEY, nullable=True),
        sa.Column("currency", TEXT(), nullable=False),
        sa.Column("factor_iban", TEXT(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", TEXT(), nullable=False),
        sa.ForeignKeyConstraint(["factor_id"], ["partners.id"]),
        sa.PrimaryKeyConstraint("creditor_id"),
    )
    op.create_table(
        "factoring_batches",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("creditor_id", sa.Uuid(), nullable=False),
        sa.Column("number", TEXT(), nullable=False),
        sa.Column("factor_id", sa.Uuid(), nullable=False),
        sa.Column("contract_number", TEXT(), nullable=False),
        sa.Column("with_recourse", sa.Boolean(), nullable=False),
        sa.Column("assigned_on", sa.Date(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("total", MONEY, nullable=False),
        sa.Column("currency", TEXT(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", TEXT(), nullable=False),
        sa.ForeignKeyConstraint(["factor_id"], ["partners.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("creditor_id", "number", name="uq_factoring_batches_number"),
    )
    op.create_index(op.f("ix_factoring_batches_creditor_id"), "factoring_batches", ["creditor_id"], unique=False)
    op.create_table(
        "factoring_assignments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("batch_id", sa.Uuid(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("creditor_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("case_reference", TEXT(), nullable=False),
        sa.Column("invoice_id", sa.Uuid(), nullable=False),
        sa.Column("invoice_number", TEXT(), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("debtor_id", sa.Uuid(), nullable=False),
        sa.Column("debtor_name", TEXT(), nullable=False),
        sa.Column("debtor_siren", TEXT(), nullable=True),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("assigned_amount", MONEY, nullable=False),
        sa.Column("currency", TEXT(), nullable=False),
        sa.Column("status", TEXT(), nullable=False),
        sa.Column("handed_back_on", sa.Date(), nullable=True),
        sa.Column("handed_back_amount", MONEY, nullable=True),
        sa.Column("hand_back_reason", TEXT(), nullable=True),
        sa.ForeignKeyConstraint(["batch_id"], ["factoring_batches.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_factoring_assignments_batch_id"), "factoring_assignments", ["batch_id"], unique=False)
    op.create_index(
        op.f("ix_factoring_assignments_creditor_id"), "factoring_assignments", ["creditor_id"], unique=False
    )
    op.create_index(
        "ux_factoring_assignments_held", "factoring_assignments", ["invoice_id"], unique=True, postgresql_where=HELD
    )
    op.create_table(
        "factor_disputes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("assignment_id", sa.Uuid(), nullable=False),
        sa.Column("creditor_id", sa.Uuid(), nullable=False),
        sa.Column("reason", TEXT(), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("status", TEXT(), nullable=False),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.Column("resolution_note", TEXT(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", TEXT(), nullable=False),
        sa.ForeignKeyConstraint(["assignment_id"], ["factoring_assignments.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_factor_disputes_assignment_id"), "factor_disputes", ["assignment_id"], unique=False)
    op.create_index(op.f("ix_factor_disputes_creditor_id"), "factor_disputes", ["creditor_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_factor_disputes_creditor_id"), table_name="factor_disputes")
    op.drop_index(op.f("ix_factor_disputes_assignment_id"), table_name="factor_disputes")
    op.drop_table("factor_disputes")
    op.drop_index("ux_factoring_assignments_held", table_name="factoring_assignments", postgresql_where=HELD)
    op.drop_index(op.f("ix_factoring_assignments_creditor_id"), table_name="factoring_assignments")
    op.drop_index(op.f("ix_factoring_assignments_batch_id"), table_name="factoring_assignments")
    op.drop_table("factoring_assignments")
    op.drop_index(op.f("ix_factoring_batches_creditor_id"), table_name="factoring_batches")
    op.drop_table("factoring_batches")
    op.drop_table("factoring_contracts")
    op.drop_table("insurance_debtor_exposure")
    op.drop_index("ux_insurance_alerts_open", table_name="insurance_alerts", postgresql_where=OPEN_ALERT)
    op.drop_index(op.f("ix_insurance_alerts_creditor_id"), table_name="insurance_alerts")
    op.drop_table("insurance_alerts")
    op.drop_index(op.f("ix_insurance_claim_steps_claim_id"), table_name="insurance_claim_steps")
    op.drop_table("insurance_claim_steps")
    op.drop_index("ux_insurance_claims_open", table_name="insurance_claims", postgresql_where=OPEN_CLAIM)
    op.drop_index(op.f("ix_insurance_claims_creditor_id"), table_name="insurance_claims")
    op.drop_index(op.f("ix_insurance_claims_case_id"), table_name="insurance_claims")
    op.drop_table("insurance_claims")
    op.drop_table("insurance_policies")
    op.drop_index(op.f("ix_insurance_case_invoices_case_id"), table_name="insurance_case_invoices")
    op.drop_table("insurance_case_invoices")
    op.drop_index(op.f("ix_insurance_cases_creditor_id"), table_name="insurance_cases")
    op.drop_table("insurance_cases")
