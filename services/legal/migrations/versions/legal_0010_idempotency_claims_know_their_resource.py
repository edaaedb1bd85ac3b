"""idempotency claims know the resource they created: `idempotency_keys.location`

A request that creates a resource names it in the transaction that creates it, with the claim's stamp, so that a
retry whose first answer was lost to a kill is sent to the resource (303 See Other) instead of being told only
that it was carried out (see shared.idempotency). Existing claims keep NULL.

Revision ID: legal_0010
Revises: legal_0009
Create Date: 2026-12-03 12:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "legal_0010"
down_revision: str | None = "legal_0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("idempotency_keys", sa.Column("location", sa.String(), nullable=True))


def downgrade() -> None:
    op.drop_column("idempotency_keys", "location")
