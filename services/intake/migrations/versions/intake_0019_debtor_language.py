"""debtor_views.language: the language a creditor says its debtor is written to in (fr, en; NULL: French)

Revision ID: intake_0019
Revises: intake_0018
Create Date: 2026-12-07 05:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "intake_0019"
down_revision: str | None = "intake_0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("debtor_views", sa.Column("language", sa.String(), nullable=True))
    op.create_check_constraint("ck_debtor_views_language", "debtor_views", "language IN ('fr', 'en')")


def downgrade() -> None:
    op.drop_constraint("ck_debtor_views_language", "debtor_views", type_="check")
    op.drop_column("debtor_views", "language")
