"""payment plan counters: plans agreed and breached per debtor, from dunning's events

`debtor_behaviour` gains `plans_agreed` and `plans_breached`. Existing debtors start at zero: scoring heard of no
payment plan before it consumed dunning's events.

Revision ID: scoring_0006
Revises: scoring_0005
Create Date: 2026-12-02 13:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "scoring_0006"
down_revision: str | None = "scoring_0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for counter in ("plans_agreed", "plans_breached"):
        op.add_column("debtor_behaviour", sa.Column(counter, sa.Integer(), server_default="0", nullable=False))
        op.alter_column("debtor_behaviour", counter, server_default=None)


def downgrade() -> None:
    for counter in ("plans_breached", "plans_agreed"):
        op.drop_column("debtor_behaviour", counter)
