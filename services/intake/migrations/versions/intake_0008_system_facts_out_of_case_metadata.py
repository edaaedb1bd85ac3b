"""system facts out of the creditor's case metadata: the import that opened a case, the debtor a merge moved it from

Revision ID: intake_0008
Revises: intake_0007
Create Date: 2026-12-02 10:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "intake_0008"
down_revision: str | None = "intake_0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("cases", sa.Column("import_id", sa.Uuid(), nullable=True))
    op.add_column("cases", sa.Column("merged_from_debtor_id", sa.Uuid(), nullable=True))
    op.create_index(op.f("ix_cases_import_id"), "cases", ["import_id"], unique=False)
    op.execute("UPDATE cases SET import_id = (metadata->>'_import_id')::uuid WHERE metadata ? '_import_id'")
    op.execute(
        "UPDATE cases SET merged_from_debtor_id = (metadata->>'_merged_from_debtor')::uuid "
        "WHERE metadata ? '_merged_from_debtor'"
    )
    op.execute(
        "UPDATE cases SET metadata = metadata - '_import_id' - '_merged_from_debtor' "
        "WHERE metadata ?| array['_import_id', '_merged_from_debtor']"
    )


def downgrade() -> None:
    op.execute(
        "UPDATE cases SET metadata = metadata || jsonb_build_object('_import_id', import_id::text) "
        "WHERE import_id IS NOT NULL"
    )
    op.execute(
        "UPDATE cases SET metadata = metadata || jsonb_build_object('_merged_from_debtor', "
        "merged_from_debtor_id::text) WHERE merged_from_debtor_id IS NOT NULL"
    )
    op.drop_index(op.f("ix_cases_import_id"), table_name="cases")
    op.drop_column("cases", "merged_from_debtor_id")
    op.drop_column("cases", "import_id")
