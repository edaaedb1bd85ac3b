"""a dispute says what the debtor finds wrong when it chose (`dunning_disputes.category`: not_received,
not_compliant, wrong_amount, not_owed, other; NULL: not said, as every dispute opened before)

Revision ID: dunning_0020
Revises: dunning_0019
Create Date: 2026-12-07 13:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "dunning_0020"
down_revision: str | None = "dunning_0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("dunning_disputes", sa.Column("category", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.create_check_constraint(
        "ck_dunning_disputes_category",
        "dunning_disputes",
        "category IN ('not_received', 'not_compliant', 'wrong_amount', 'not_owed', 'other')",
    )


def downgrade() -> None:
    op.drop_constraint("ck_dunning_disputes_category", "dunning_disputes", type_="check")
    op.drop_column("dunning_disputes", "category")
