"""a case's closing ends its legal action: the day and reason legal heard, the day each mission ended and why

`legal_cases.closed_on` and `closure_reason` come with intake's `case.closed`: the watch keeps an alert on every
procedure still before the court. `legal_missions.ended_on` is the day staff or the closing ended a mission: the
bailiff may still report what happened until that day (funds collected, costs, steps). Missions ended before this
revision take the day of their last change.

Revision ID: legal_0012
Revises: legal_0011
Create Date: 2026-12-06 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "legal_0012"
down_revision: str | None = "legal_0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("legal_cases", sa.Column("closed_on", sa.Date(), nullable=True))
    op.add_column("legal_cases", sa.Column("closure_reason", sa.Text(), nullable=True))
    op.add_column("legal_missions", sa.Column("ended_on", sa.Date(), nullable=True))
    op.add_column("legal_missions", sa.Column("end_note", sa.Text(), nullable=True))
    op.execute(
        "UPDATE legal_missions SET ended_on = (updated_at AT TIME ZONE 'Europe/Paris')::date "
        "WHERE status IN ('withdrawn', 'closed')"
    )


def downgrade() -> None:
    op.drop_column("legal_missions", "end_note")
    op.drop_column("legal_missions", "ended_on")
    op.drop_column("legal_cases", "closure_reason")
    op.drop_column("legal_cases", "closed_on")
