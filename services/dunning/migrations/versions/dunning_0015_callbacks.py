"""a call-back the debtor asks for on the self-service page: the number to call and the end of the slot chosen, on the
phone task it puts in the agents' queue (`dunning_phone_tasks.callback_phone`, `callback_until`).

Revision ID: dunning_0015
Revises: dunning_0014
Create Date: 2026-12-06 21:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "dunning_0015"
down_revision: str | None = "dunning_0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("dunning_phone_tasks", sa.Column("callback_phone", sa.String(), nullable=True))
    op.add_column("dunning_phone_tasks", sa.Column("callback_until", sa.DateTime(timezone=True), nullable=True))
    op.create_check_constraint(
        "ck_dunning_phone_tasks_callback",
        "dunning_phone_tasks",
        "(callback_phone IS NULL) = (callback_until IS NULL)",
    )


def downgrade() -> None:
    op.drop_constraint("ck_dunning_phone_tasks_callback", "dunning_phone_tasks")
    op.drop_column("dunning_phone_tasks", "callback_until")
    op.drop_column("dunning_phone_tasks", "callback_phone")
