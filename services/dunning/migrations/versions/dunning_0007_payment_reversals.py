"""a payment dunning heard of keeps what it gave a promise and a plan, and says when intake reversed it

Revision ID: dunning_0007
Revises: dunning_0006
Create Date: 2026-12-02 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "dunning_0007"
down_revision: str | None = "dunning_0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONEY = sa.Numeric(precision=14, scale=2)


def upgrade() -> None:
    op.add_column("dunning_payments", sa.Column("promise_id", sa.Uuid(), nullable=True))
    op.add_column("dunning_payments", sa.Column("promise_share", MONEY, server_default="0", nullable=False))
    op.add_column("dunning_payments", sa.Column("plan_id", sa.Uuid(), nullable=True))
    op.add_column("dunning_payments", sa.Column("plan_share", MONEY, server_default="0", nullable=False))
    op.add_column("dunning_payments", sa.Column("reversed_on", sa.Date(), nullable=True))


def downgrade() -> None:
    for column in ("reversed_on", "plan_share", "plan_id", "promise_share", "promise_id"):
        op.drop_column("dunning_payments", column)
