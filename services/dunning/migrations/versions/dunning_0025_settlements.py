"""settlements: the offers to close a case for less than the balance due (`dunning_settlements`, one pending per
case), and on each creditor what its mandate lets the agency agree without asking it (plan bounds, settlement floor)

Revision ID: dunning_0025
Revises: dunning_0024
Create Date: 2026-12-07 21:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "dunning_0025"
down_revision: str | None = "dunning_0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("dunning_creditors", sa.Column("max_instalments", sa.Integer(), nullable=True))
    op.add_column("dunning_creditors", sa.Column("min_instalment", sa.Numeric(14, 2), nullable=True))
    op.add_column("dunning_creditors", sa.Column("max_plan_months", sa.Integer(), nullable=True))
    op.add_column("dunning_creditors", sa.Column("settlement_floor", sa.Numeric(6, 4), nullable=True))
    op.create_table(
        "dunning_settlements",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("amount", sa.Numeric(14, 2), nullable=False),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("balance", sa.Numeric(14, 2), nullable=False),
        sa.Column("pay_by", sa.Date(), nullable=False),
        sa.Column("within_mandate", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("offered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("offered_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("accepted_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("promise_id", sa.Uuid(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_dunning_settlements_case_id", "dunning_settlements", ["case_id"])
    op.create_index(
        "uq_dunning_settlements_one_pending",
        "dunning_settlements",
        ["case_id"],
        unique=True,
        postgresql_where=sa.text("status IN ('to_approve', 'offered', 'accepted')"),
    )


def downgrade() -> None:
    op.drop_index("uq_dunning_settlements_one_pending", table_name="dunning_settlements")
    op.drop_index("ix_dunning_settlements_case_id", table_name="dunning_settlements")
    op.drop_table("dunning_settlements")
    for column in ("settlement_floor", "max_plan_months", "min_instalment", "max_instalments"):
        op.drop_column("dunning_creditors", column)
