"""a dispute keeps when its creditor was reminded of its answer (`dunning_disputes.creditor_reminded_at`): once,
after `DUNNING_DISPUTE_CREDITOR_REMINDER_DAYS` without it; NULL: not reminded (every dispute opened before)

Revision ID: dunning_0021
Revises: dunning_0020
Create Date: 2026-12-07 13:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "dunning_0021"
down_revision: str | None = "dunning_0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("dunning_disputes", sa.Column("creditor_reminded_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("dunning_disputes", "creditor_reminded_at")
