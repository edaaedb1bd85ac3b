"""debtors.language: the language a debtor asked to be written to in, from its own page (fr, en; NULL: none asked);
it outranks what any of its creditors said

Revision ID: intake_0020
Revises: intake_0019
Create Date: 2026-12-07 06:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "intake_0020"
down_revision: str | None = "intake_0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("debtors", sa.Column("language", sa.String(), nullable=True))
    op.create_check_constraint("ck_debtors_language", "debtors", "language IN ('fr', 'en')")


def downgrade() -> None:
    op.drop_constraint("ck_debtors_language", "debtors", type_="check")
    op.drop_column("debtors", "language")
