"""the debtor is told how its dispute was settled: what staff wrote for it (`dunning_disputes.debtor_message`),
whether it is still to be told (`debtor_to_tell`; false for every dispute resolved before, which nobody told) and
when it was (`debtor_told_at`)

Revision ID: dunning_0022
Revises: dunning_0021
Create Date: 2026-12-07 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "dunning_0022"
down_revision: str | None = "dunning_0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("dunning_disputes", sa.Column("debtor_message", sa.Text(), nullable=True))
    op.add_column(
        "dunning_disputes", sa.Column("debtor_to_tell", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("dunning_disputes", sa.Column("debtor_told_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("dunning_disputes", "debtor_told_at")
    op.drop_column("dunning_disputes", "debtor_to_tell")
    op.drop_column("dunning_disputes", "debtor_message")
