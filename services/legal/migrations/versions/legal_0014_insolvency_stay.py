"""insolvency proceedings opened on a case under collection: the day legal heard of the stay

`legal_cases.stayed_on` is the day intake moved the case to claim declaration (its debtor's insolvency proceedings
opened while the case was under collection, L622-21 C. com.): the watch keeps an alert on every procedure still
before the court from that day until staff record it ended. Cases validated under proceedings, or stayed before
this revision, have none.

Revision ID: legal_0014
Revises: legal_0013
Create Date: 2026-12-07 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "legal_0014"
down_revision: str | None = "legal_0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("legal_cases", sa.Column("stayed_on", sa.Date(), nullable=True))


def downgrade() -> None:
    op.drop_column("legal_cases", "stayed_on")
