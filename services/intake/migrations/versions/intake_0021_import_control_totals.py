"""imports.accepted_amounts: an import's control total, per currency, what its accepted invoices leave owed (text
of an exact decimal), for the creditor to check against its ledger; imports run before it read as none ({})

Revision ID: intake_0021
Revises: intake_0020
Create Date: 2026-12-07 13:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "intake_0021"
down_revision: str | None = "intake_0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "imports",
        sa.Column("accepted_amounts", postgresql.JSONB(), nullable=False, server_default=sa.text("'{}'::jsonb")),
    )


def downgrade() -> None:
    op.drop_column("imports", "accepted_amounts")
