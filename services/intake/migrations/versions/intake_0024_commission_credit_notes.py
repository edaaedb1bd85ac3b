"""commission credit notes: a remittance whose netted reversals make its commission negative is the agency's credit
note (facture d'avoir) of it, numbered once in a sequence of its own (`remittances.credit_note_seq`); the ones issued
before this revision are numbered here, in the order they were issued

Revision ID: intake_0024
Revises: intake_0023
Create Date: 2026-12-07 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "intake_0024"
down_revision: str | None = "intake_0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("remittances", sa.Column("credit_note_seq", sa.BigInteger(), nullable=True))
    op.create_unique_constraint("uq_remittances_credit_note_seq", "remittances", ["credit_note_seq"])
    op.execute(
        "UPDATE remittances SET credit_note_seq = numbered.seq FROM ("
        "SELECT id, row_number() OVER (ORDER BY issued_on, id) AS seq FROM remittances WHERE commission < 0"
        ") AS numbered WHERE remittances.id = numbered.id"
    )


def downgrade() -> None:
    op.drop_constraint("uq_remittances_credit_note_seq", "remittances", type_="unique")
    op.drop_column("remittances", "credit_note_seq")
