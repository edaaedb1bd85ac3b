"""a dispute's kind: `dispute` (the debtor contests the claim) or `payment_declared` (the debtor says a payment was
already made, from the self-service page). Both hold the case's reminders; the creditor is told differently (a
payment may have been made to the creditor directly). Disputes on record are disputes.

Revision ID: dunning_0013
Revises: dunning_0012
Create Date: 2026-12-06 13:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "dunning_0013"
down_revision: str | None = "dunning_0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("dunning_disputes", sa.Column("kind", sa.Text(), nullable=False, server_default="dispute"))


def downgrade() -> None:
    op.drop_column("dunning_disputes", "kind")
