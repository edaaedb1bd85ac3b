"""a payment the debtor declares: its amount and day kept beside the words (`dunning_disputes.declared_amount`,
`declared_on`), so that staff are shown the suspense queue's bank credits that may be it. Declarations on record
keep only their words.

Revision ID: dunning_0014
Revises: dunning_0013
Create Date: 2026-12-06 15:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "dunning_0014"
down_revision: str | None = "dunning_0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("dunning_disputes", sa.Column("declared_amount", sa.Numeric(14, 2), nullable=True))
    op.add_column("dunning_disputes", sa.Column("declared_on", sa.Date(), nullable=True))
    op.create_check_constraint(
        "ck_dunning_disputes_declared_payment",
        "dunning_disputes",
        "kind = 'payment_declared' OR (declared_amount IS NULL AND declared_on IS NULL)",
    )


def downgrade() -> None:
    op.drop_constraint("ck_dunning_disputes_declared_payment", "dunning_disputes")
    op.drop_column("dunning_disputes", "declared_on")
    op.drop_column("dunning_disputes", "declared_amount")
