"""a payment plan keeps the proposal's note and the creditor's decision apart (`dunning_plans.decision_note`): the
decision's note no longer replaces what the debtor wrote with the proposal.

Revision ID: dunning_0016
Revises: dunning_0015
Create Date: 2026-12-06 21:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "dunning_0016"
down_revision: str | None = "dunning_0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("dunning_plans", sa.Column("decision_note", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("dunning_plans", "decision_note")
