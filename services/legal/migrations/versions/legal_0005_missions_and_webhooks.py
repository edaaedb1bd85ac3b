"""missions and webhooks: the missions given to partner bailiffs, their reports and deeds, partners' webhook
endpoints and the delivery log

Revision ID: legal_0005
Revises: legal_0004
Create Date: 2026-12-02 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "legal_0005"
down_revision: str | None = "legal_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
_STEPS = "type IN ('served', 'search_unsuccessful', 'seizure')"


def upgrade() -> None:
    op.create_table(
        "legal_missions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("creditor_id", sa.Uuid(), nullable=False),
        sa.Column("partner_id", sa.Uuid(), nullable=False),
        sa.Column("procedure_id", sa.Uuid(), nullable=True),
        sa.Column("kind", _TEXT(), nullable=False),
        sa.Column("status", _TEXT(), nullable=False),
        sa.Column("instructions", sa.Text(), nullable=False),
        sa.Column("references", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("case_reference", _TEXT(), nullable=False),
        sa.Column("currency", _TEXT(), nullable=False),
        sa.Column("assigned_by", _TEXT(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["partner_id"], ["partners.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_legal_missions_case_id"), "legal_missions", ["case_id"], unique=False)
    op.create_index(op.f("ix_legal_missions_creditor_id"), "legal_missions", ["creditor_id"], unique=False)
    op.create_index("ix_legal_missions_partner_assigned", "legal_missions", ["partner_id", "assigned_at"], unique=False)

    op.create_table(
        "legal_mission_reports",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("mission_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("type", _TEXT(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("currency", _TEXT(), nullable=True),
        sa.Column("reference", _TEXT(), nullable=True),
        sa.Column("tariff", _TEXT(), nullable=True),
        sa.Column("borne_by", _TEXT(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("reported_by", _TEXT(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["mission_id"], ["legal_missions.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_legal_mission_reports_case_id"), "legal_mission_reports", ["case_id"], unique=False)
    op.create_index(op.f("ix_legal_mission_reports_mission_id"), "legal_mission_reports", ["mission_id"], unique=False)
    op.create_index(
        "uq_legal_mission_reports_reference",
        "legal_mission_reports",
        ["mission_id", "reference"],
        unique=True,
        postgresql_where=sa.text("reference IS NOT NULL"),
    )
    op.create_index(
        "uq_legal_mission_reports_step",
        "legal_mission_reports",
        ["mission_id", "type", "occurred_on"],
        unique=True,
        postgresql_where=sa.text(_STEPS),
    )

    op.create_table(
        "legal_mission_deeds",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("mission_id", sa.Uuid(), nullable=False),
        sa.Column("kind", _TEXT(), nullable=False),
        sa.Column("filename", _TEXT(), nullable=False),
        sa.Column("media_type", _TEXT(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", _TEXT(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by", _TEXT(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["mission_id"], ["legal_missions.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("mission_id", "sha256", name="uq_legal_mission_deeds_content"),
    )
    op.create_index(op.f("ix_legal_mission_deeds_mission_id"), "legal_mission_deeds", ["mission_id"], unique=False)

    op.create_table(
        "legal_partner_webhooks",
        sa.Column("partner_id", sa.Uuid(), nullable=False),
        sa.Column("url", _TEXT(), nullable=False),
        sa.Column("secret", _TEXT(), nullable=False),
        sa.Column("previous_secret", _TEXT(), nullable=True),
        sa.Column("previous_valid_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rotated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["partner_id"], ["partners.id"]),
        sa.PrimaryKeyConstraint("partner_id"),
    )

    op.create_table(
        "legal_webhook_deliveries",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("partner_id", sa.Uuid(), nullable=False),
        sa.Column("mission_id", sa.Uuid(), nullable=True),
        sa.Column("event_type", _TEXT(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", _TEXT(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("last_error", _TEXT(), nullable=True),
        sa.Column("attempts_log", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["partner_id"], ["partners.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_legal_webhook_deliveries_due",
        "legal_webhook_deliveries",
        ["next_attempt_at"],
        unique=False,
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index(
        "ix_legal_webhook_deliveries_partner", "legal_webhook_deliveries", ["partner_id", "created_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_legal_webhook_deliveries_partner", table_name="legal_webhook_deliveries")
    op.drop_index(
        "ix_legal_webhook_deliveries_due",
        table_name="legal_webhook_deliveries",
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.drop_table("legal_webhook_deliveries")
    op.drop_table("legal_partner_webhooks")
    op.drop_index(op.f("ix_legal_mission_deeds_mission_id"), table_name="legal_mission_deeds")
    op.drop_table("legal_mission_deeds")
    op.drop_index("uq_legal_mission_reports_step", table_name="legal_mission_reports", postgresql_where=sa.text(_STEPS))
    op.drop_index(
        "uq_legal_mission_reports_reference",
        table_name="legal_mission_reports",
        postgresql_where=sa.text("reference IS NOT NULL"),
    )
    op.drop_index(op.f("ix_legal_mission_reports_mission_id"), table_name="legal_mission_reports")
    op.drop_index(op.f("ix_legal_mission_reports_case_id"), table_name="legal_mission_reports")
    op.drop_table("legal_mission_reports")
    op.drop_index("ix_legal_missions_partner_assigned", table_name="legal_missions")
    op.drop_index(op.f("ix_legal_missions_creditor_id"), table_name="legal_missions")
    op.drop_index(op.f("ix_legal_missions_case_id"), table_name="legal_missions")
    op.drop_table("legal_missions")
