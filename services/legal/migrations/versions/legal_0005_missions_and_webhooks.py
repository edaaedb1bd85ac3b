"""missions and webhooks

Revision ID: legal_0005
Revises: legal_0004
Create Date: 2026-12-02 13:00:00
"""

from collections.abc import Sequence

revision: str = "legal_0005"
down_revision: str | None = "legal_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass  # the tables arrive with their package


def downgrade() -> None:
    pass
