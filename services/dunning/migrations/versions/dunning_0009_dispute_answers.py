"""a creditor's answer to a dispute: `dunning_disputes.creditor_answer`, `answered_at`, `answered_by`

Existing disputes keep NULL (not answered).

Revision ID: dunning_0009
Revises: dunning_0008
Create Date: 2026-12-02 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "dunning_0009"
down_revision: str | None = "dunning_0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("dunning_disputes", sa.Column("creditor_answer", sa.Text(), nullable=True))
    op.add_column("dunning_disputes", sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("dunning_disputes", sa.Column("answered_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    for column in ("answered_by", "answered_at", "creditor_answer"):
        op.drop_column("dunning_disputes", column)
