"""a step the preparing pass moved instead of sending keeps why (`dunning_steps.waits_for`: window, weekly_cap, call
or reply), the instant it moved it to (`waits_until`) and what holds it (`waits_since`), so the case's steps say why
a reminder did not leave on its day.

Revision ID: dunning_0019
Revises: dunning_0018
Create Date: 2026-12-07 13:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "dunning_0019"
down_revision: str | None = "dunning_0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("dunning_steps", sa.Column("waits_for", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.add_column("dunning_steps", sa.Column("waits_until", sa.DateTime(timezone=True), nullable=True))
    op.add_column("dunning_steps", sa.Column("waits_since", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("dunning_steps", "waits_since")
    op.drop_column("dunning_steps", "waits_until")
    op.drop_column("dunning_steps", "waits_for")
