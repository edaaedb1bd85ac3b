"""merged debtor records indexed: `ix_debtors_merged_into`

Every read of a case (and of a page of cases) gathers the views of its debtor and of the records merged into it:
`debtors.id = X OR debtors.merged_into_id = X`. Without an index on `merged_into_id` PostgreSQL read the whole
`debtors` table for each case: 6.4 ms a case at 100,000 debtors, growing with the agency's ledger (measured with
the case read of `bench api` over 100,000 extra debtors). The index is partial: only merged records have the
column set.

Revision ID: intake_0017
Revises: intake_0016
Create Date: 2026-12-05 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "intake_0017"
down_revision: str | None = "intake_0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_debtors_merged_into",
        "debtors",
        ["merged_into_id"],
        unique=False,
        postgresql_where=sa.text("merged_into_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index(
        "ix_debtors_merged_into", table_name="debtors", postgresql_where=sa.text("merged_into_id IS NOT NULL")
    )
