"""commission invoices: each remittance with a commission is the agency's invoice of it, numbered once

`remittances.invoice_seq` is the invoice's number in one continuous sequence without gaps (art. 242 nonies A, 7° of
annex II to the CGI): given in the run's transaction, so that a run rolled back leaves no hole. The remittances issued
before this revision are numbered here, in the order they were issued.

Revision ID: intake_0022
Revises: intake_0021
Create Date: 2026-12-07 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "intake_0022"
down_revision: str | None = "intake_0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("remittances", sa.Column("invoice_seq", sa.BigInteger(), nullable=True))
    op.create_unique_constraint("uq_remittances_invoice_seq", "remittances", ["invoice_seq"])
    op.execute(
        "UPDATE remittances SET invoice_seq = numbered.seq FROM ("
        "SELECT id, row_number() OVER (ORDER BY issued_on, id) AS seq FROM remittances WHERE commission > 0"
        ") AS numbered WHERE remittances.id = numbered.id"
    )


def downgrade() -> None:
    op.drop_constraint("uq_remittances_invoice_seq", "remittances", type_="unique")
    op.drop_column("remittances", "invoice_seq")
