"""a dispute's proof: the documents filed with each case, as intake's `document.attached` events name them
(`dunning_case_documents`), and staff's judgement that those filed for a dispute are not enough
(`dunning_disputes.proof_insufficient_at`, `_by`, `_note`)

Revision ID: dunning_0023
Revises: dunning_0022
Create Date: 2026-12-07 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "dunning_0023"
down_revision: str | None = "dunning_0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dunning_case_documents",
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("filename", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("attached_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("document_id"),
    )
    op.create_index("ix_dunning_case_documents_case_id", "dunning_case_documents", ["case_id"])
    op.add_column("dunning_disputes", sa.Column("proof_insufficient_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column(
        "dunning_disputes", sa.Column("proof_insufficient_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
    )
    op.add_column("dunning_disputes", sa.Column("proof_insufficient_note", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("dunning_disputes", "proof_insufficient_note")
    op.drop_column("dunning_disputes", "proof_insufficient_by")
    op.drop_column("dunning_disputes", "proof_insufficient_at")
    op.drop_index("ix_dunning_case_documents_case_id", table_name="dunning_case_documents")
    op.drop_table("dunning_case_documents")
