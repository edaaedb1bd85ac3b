"""index led by another's columns dropped: `ix_dunning_opt_outs_debtor_id`

Its column leads the table's unique (debtor_id, channel), which serves every look-up the shorter index did. The
shorter one only cost writes and misled the planner: before the tables were analysed, PostgreSQL read all of a
creditor's cases through `ix_cases_creditor_id` for each batch of a bulk import (docs/benchmarks.md, "The redundant
index that made the import quadratic"). tests/foundation/test_redundant_indexes.py keeps them out.

Revision ID: dunning_0012
Revises: dunning_0011
Create Date: 2026-12-05 09:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "dunning_0012"
down_revision: str | None = "dunning_0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_dunning_opt_outs_debtor_id", table_name="dunning_opt_outs")


def downgrade() -> None:
    op.create_index("ix_dunning_opt_outs_debtor_id", "dunning_opt_outs", ["debtor_id"], unique=False)
