"""a bailiff's funds report says when intake reversed the payment it became, and why

Revision ID: legal_0007
Revises: legal_0006
Create Date: 2026-12-02 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "legal_0007"
down_revision: str | None = "legal_0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("legal_mission_reports", sa.Column("reversed_on", sa.Date(), nullable=True))
    op.add_column("legal_mission_reports", sa.Column("reversal_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("legal_mission_reports", "reversal_reason")
    op.drop_column("legal_mission_reports", "reversed_on")
