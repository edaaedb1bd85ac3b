"""import errors in French beside the English: a row's reason as a French creditor reads it

Revision ID: intake_0009
Revises: intake_0008
Create Date: 2026-12-03 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "intake_0009"
down_revision: str | None = "intake_0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # rows refused before this revision have their English reason only; the report shows it in both columns
    op.add_column("import_errors", sa.Column("reason_fr", sa.String(), nullable=True))


def downgrade() -> None:
    op.drop_column("import_errors", "reason_fr")
