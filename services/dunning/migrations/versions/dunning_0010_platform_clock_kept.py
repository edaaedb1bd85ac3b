"""platform clock kept: `platform_clock`, the instant this service was set to (embedded and test profiles)

A service restarted after `PUT /api/v1/admin/clock` takes the instant back at start (see shared.platform_clock).

Revision ID: dunning_0010
Revises: dunning_0009
Create Date: 2026-12-02 21:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "dunning_0010"
down_revision: str | None = "dunning_0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "platform_clock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("frozen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("platform_clock")
