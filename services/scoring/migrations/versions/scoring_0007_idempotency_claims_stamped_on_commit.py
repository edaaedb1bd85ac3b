"""idempotency claims stamped on commit: `idempotency_keys.committed_at`

A request's commits stamp its claim in the same transaction, so that after a kill a retry learns whether the
first request changed anything (see shared.idempotency). Existing claims keep NULL.

Revision ID: scoring_0007
Revises: scoring_0006
Create Date: 2026-12-02 20:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "scoring_0007"
down_revision: str | None = "scoring_0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("idempotency_keys", sa.Column("committed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("idempotency_keys", "committed_at")
