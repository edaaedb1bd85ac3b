"""access withdrawn: the instant up to which a deactivated account's tokens are refused everywhere

Revision ID: portal_0009
Revises: portal_0008
Create Date: 2026-12-08 01:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "portal_0009"
down_revision: str | None = "portal_0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("users", sa.Column("access_withdrawn_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("api_clients", sa.Column("access_withdrawn_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("api_clients", "access_withdrawn_at")
    op.drop_column("users", "access_withdrawn_at")
