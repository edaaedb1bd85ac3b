"""indexes led by another's columns dropped: `ix_cases_creditor_id`, `ix_debtor_views_debtor_id`

Each one's column leads a unique index of the same table (`uq_cases_creditor_reference`,
`uq_debtor_views_debtor_creditor`), which serves every look-up the shorter index did. The shorter one only cost
writes and misled the planner: before the tables were analysed, PostgreSQL read all of a creditor's cases through
`ix_cases_creditor_id` for each batch of a bulk import (docs/benchmarks.md, "The redundant index that made the
import quadratic"). tests/foundation/test_redundant_indexes.py keeps them out.

Revision ID: intake_0016
Revises: intake_0015
Create Date: 2026-12-05 09:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "intake_0016"
down_revision: str | None = "intake_0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_cases_creditor_id", table_name="cases")
    op.drop_index("ix_debtor_views_debtor_id", table_name="debtor_views")


def downgrade() -> None:
    op.create_index("ix_cases_creditor_id", "cases", ["creditor_id"], unique=False)
    op.create_index("ix_debtor_views_debtor_id", "debtor_views", ["debtor_id"], unique=False)
