"""the due-steps index carries the step id, so the scheduler walks due steps with a (due_at, id) keyset cursor

Revision ID: dunning_0006
Revises: dunning_0005
Create Date: 2026-12-02 16:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "dunning_0006"
down_revision: str | None = "dunning_0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCHEDULED = sa.text("status = 'scheduled'")


def upgrade() -> None:
    op.drop_index("ix_dunning_steps_due", table_name="dunning_steps", postgresql_where=SCHEDULED)
    op.create_index("ix_dunning_steps_due", "dunning_steps", ["due_at", "id"], postgresql_where=SCHEDULED)


def downgrade() -> None:
    op.drop_index("ix_dunning_steps_due", table_name="dunning_steps", postgresql_where=SCHEDULED)
    op.create_index("ix_dunning_steps_due", "dunning_steps", ["due_at"], postgresql_where=SCHEDULED)
