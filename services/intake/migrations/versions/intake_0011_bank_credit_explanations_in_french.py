"""bank credits explained in French beside the English: why a credit waits in suspense, as a French agent reads it

Revision ID: intake_0011
Revises: intake_0010
Create Date: 2026-12-02 16:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "intake_0011"
down_revision: str | None = "intake_0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # credits read before this revision have their English explanation only; the API shows it in both fields
    op.add_column("bank_credits", sa.Column("explanation_fr", sa.String(), nullable=True))


def downgrade() -> None:
    op.drop_column("bank_credits", "explanation_fr")
