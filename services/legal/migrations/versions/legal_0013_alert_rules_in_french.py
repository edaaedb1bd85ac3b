"""an alert says how its day was computed in French too

`legal_alerts.rule_fr`: the French of `rule` (the deadlines' computations are written in both languages). Alerts
raised before this revision keep an empty one; who reads them is shown the English.

Revision ID: legal_0013
Revises: legal_0012
Create Date: 2026-12-06 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "legal_0013"
down_revision: str | None = "legal_0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("legal_alerts", sa.Column("rule_fr", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    op.drop_column("legal_alerts", "rule_fr")
