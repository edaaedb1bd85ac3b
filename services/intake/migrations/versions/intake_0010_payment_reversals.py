"""payment reversals: the reversing entry of a payment recorded on the wrong case or twice

Revision ID: intake_0010
Revises: intake_0009
Create Date: 2026-12-02 16:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "intake_0010"
down_revision: str | None = "intake_0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONEY = sa.Numeric(14, 2)


def upgrade() -> None:
    op.create_table(
        "payment_reversals",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("payment_id", sa.Uuid(), sa.ForeignKey("payments.id"), nullable=False, unique=True),
        sa.Column("case_id", sa.Uuid(), sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("creditor_id", sa.Uuid(), sa.ForeignKey("creditors.id"), nullable=False, index=True),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("commission_rate", sa.Numeric(6, 4), nullable=False),
        sa.Column("commission_excl_vat", MONEY, nullable=False),
        sa.Column("commission_vat", MONEY, nullable=False),
        sa.Column("commission", MONEY, nullable=False),
        sa.Column("held", MONEY, nullable=False),
        sa.Column("net", MONEY, nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("reversed_on", sa.Date(), nullable=False),
        sa.Column("remitted_in", sa.Uuid(), sa.ForeignKey("remittances.id"), nullable=True),
        sa.Column("debt", MONEY, nullable=False, server_default="0"),
        sa.Column("netted_in", sa.Uuid(), sa.ForeignKey("remittances.id"), nullable=True, index=True),
        sa.Column("reopened_to", sa.String(), nullable=True),
        sa.Column("reversed_by", sa.String(), nullable=False),
        sa.Column("reversed_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("payment_reversals")
