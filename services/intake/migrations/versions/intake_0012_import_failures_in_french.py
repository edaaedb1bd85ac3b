"""import failures in French beside the English: why an import stopped, as a French creditor reads it

Revision ID: intake_0012
Revises: intake_0011
Create Date: 2026-12-02 16:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "intake_0012"
down_revision: str | None = "intake_0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # imports that failed before this revision have their English reason only; the report shows it in both fields
    op.add_column("imports", sa.Column("failure_fr", sa.String(), nullable=True))


def downgrade() -> None:
    op.drop_column("imports", "failure_fr")
