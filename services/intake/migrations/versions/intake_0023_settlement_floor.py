"""a mandate's settlement floor: the smallest share of the balance due the agency may accept in full settlement
without asking the creditor (`mandates.settlement_floor`; null, as every mandate signed before, puts each settlement
to the creditor)

Revision ID: intake_0023
Revises: intake_0022
Create Date: 2026-12-07 21:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "intake_0023"
down_revision: str | None = "intake_0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("mandates", sa.Column("settlement_floor", sa.Numeric(6, 4), nullable=True))


def downgrade() -> None:
    op.drop_column("mandates", "settlement_floor")
