"""champion and challenger scenarios: the experiments (`dunning_experiments`, at most one running per champion), and on
each case what it owed when started (`placed_balance`) and the experiment's arm it was put in (`experiment_id`, `arm`)

Revision ID: dunning_0024
Revises: dunning_0023
Create Date: 2026-12-07 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "dunning_0024"
down_revision: str | None = "dunning_0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dunning_experiments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("champion", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("challenger", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("share", sa.Integer(), nullable=False),
        sa.Column("creditor_id", sa.Uuid(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "uq_dunning_experiments_one_running",
        "dunning_experiments",
        ["champion"],
        unique=True,
        postgresql_where=sa.text("ended_at IS NULL"),
    )
    op.add_column("dunning_cases", sa.Column("placed_balance", sa.Numeric(14, 2), nullable=True))
    op.add_column("dunning_cases", sa.Column("experiment_id", sa.Uuid(), nullable=True))
    op.add_column("dunning_cases", sa.Column("arm", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.create_index("ix_dunning_cases_experiment_id", "dunning_cases", ["experiment_id"])


def downgrade() -> None:
    op.drop_index("ix_dunning_cases_experiment_id", table_name="dunning_cases")
    op.drop_column("dunning_cases", "arm")
    op.drop_column("dunning_cases", "experiment_id")
    op.drop_column("dunning_cases", "placed_balance")
    op.drop_index("uq_dunning_experiments_one_running", table_name="dunning_experiments")
    op.drop_table("dunning_experiments")
