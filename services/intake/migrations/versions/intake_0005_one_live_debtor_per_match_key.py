"""one live debtor record per match key

Revision ID: intake_0005
Revises: intake_0004
Create Date: 2026-11-25 18:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "intake_0005"
down_revision: str | None = "intake_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Records created twice by a race before this constraint: the younger ones are merged into the oldest
    # (their cases keep pointing at them; recognition follows the merge to the surviving record).
    op.execute("""
        UPDATE debtors AS d SET merged_into_id = first.id
        FROM (SELECT DISTINCT ON (match_key) match_key, id FROM debtors WHERE merged_into_id IS NULL
              ORDER BY match_key, created_at, id) AS first
        WHERE d.match_key = first.match_key AND d.id <> first.id AND d.merged_into_id IS NULL
    """)
    op.drop_index("ix_debtors_match_key", table_name="debtors")
    op.create_index(
        "uq_debtors_match_key_live", "debtors", ["match_key"], unique=True, postgresql_where="merged_into_id IS NULL"
    )


def downgrade() -> None:
    op.drop_index("uq_debtors_match_key_live", table_name="debtors", postgresql_where="merged_into_id IS NULL")
    op.create_index("ix_debtors_match_key", "debtors", ["match_key"], unique=False)
