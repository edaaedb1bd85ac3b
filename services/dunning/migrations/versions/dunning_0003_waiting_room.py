"""waiting room: events parked until their prerequisite arrives

Revision ID: dunning_0003
Revises: dunning_0002
Create Date: 2026-12-02 09:50:00
"""

from collections.abc import Sequence

from alembic import op

from shared import waiting_room

revision: str = "dunning_0003"
down_revision: str | None = "dunning_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    waiting_room.create_table(op)


def downgrade() -> None:
    waiting_room.drop_table(op)
