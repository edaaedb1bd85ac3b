"""what came after replies were first recorded (`dunning_0017`): the agency's answer sent from the platform
(`answer_id`, `answered_at`, `answered_by`), what the reply's own words seem to say (`topics`), whether it was kept
whole (`original_complete`), and replies that named none of our messages, kept without a case until an agent files
them (`message_id`, `case_id`, `debtor_id` nullable).

Revision ID: dunning_0018
Revises: dunning_0017
Create Date: 2026-12-07 11:25:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "dunning_0018"
down_revision: str | None = "dunning_0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("dunning_replies", sa.Column("answer_id", sa.Uuid(), nullable=True))
    op.add_column("dunning_replies", sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("dunning_replies", sa.Column("answered_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.add_column(
        "dunning_replies",
        sa.Column(
            "topics", postgresql.JSONB(astext_type=sa.Text()), nullable=False, server_default=sa.text("'[]'::jsonb")
        ),
    )
    op.add_column(
        "dunning_replies",
        sa.Column("original_complete", sa.Boolean(), nullable=False, server_default=sa.text("true")),
    )
    op.alter_column("dunning_replies", "topics", server_default=None)
    op.alter_column("dunning_replies", "original_complete", server_default=None)
    for column in ("message_id", "case_id", "debtor_id"):
        op.alter_column("dunning_replies", column, existing_type=sa.Uuid(), nullable=True)


def downgrade() -> None:
    unfiled = op.get_bind().execute(sa.text("SELECT count(*) FROM dunning_replies WHERE case_id IS NULL")).scalar()
    if unfiled:  # a reply is never dropped: the agency files it first
        raise RuntimeError(f"{unfiled} debtors' replies are filed under no case: file them before downgrading")
    for column in ("message_id", "case_id", "debtor_id"):
        op.alter_column("dunning_replies", column, existing_type=sa.Uuid(), nullable=False)
    for column in ("original_complete", "topics", "answered_by", "answered_at", "answer_id"):
        op.drop_column("dunning_replies", column)
