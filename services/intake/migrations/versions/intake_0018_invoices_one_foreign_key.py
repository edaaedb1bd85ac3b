"""invoices: one foreign key to their case with its creditor and debtor (`fk_invoices_case`)

An invoice had three foreign keys: to its case, to the creditor and to the debtor. PostgreSQL checks each one for
every row written, and nothing made an invoice's creditor and debtor those of its case. One composite key to
`cases (id, creditor_id, debtor_id)` (a new unique constraint) says both: the invoice belongs to a case that exists,
and to that case's creditor and debtor. Writing the rows of a 100,000-row import into the real tables took 1.82 s
with the three keys and 1.41 s with the one (`bench import`, docs/benchmarks.md). The check waits for the commit and
follows the case when a debtor merge moves it (ON UPDATE CASCADE).

Revision ID: intake_0018
Revises: intake_0017
Create Date: 2026-12-06 00:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "intake_0018"
down_revision: str | None = "intake_0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_unique_constraint("uq_cases_id_creditor_debtor", "cases", ["id", "creditor_id", "debtor_id"])
    for name in ("invoices_case_id_fkey", "invoices_creditor_id_fkey", "invoices_debtor_id_fkey"):
        op.drop_constraint(name, "invoices", type_="foreignkey")
    op.create_foreign_key(
        "fk_invoices_case",
        "invoices",
        "cases",
        ["case_id", "creditor_id", "debtor_id"],
        ["id", "creditor_id", "debtor_id"],
        onupdate="CASCADE",
        deferrable=True,
        initially="DEFERRED",
    )


def downgrade() -> None:
    op.drop_constraint("fk_invoices_case", "invoices", type_="foreignkey")
    op.create_foreign_key("invoices_case_id_fkey", "invoices", "cases", ["case_id"], ["id"])
    op.create_foreign_key("invoices_creditor_id_fkey", "invoices", "creditors", ["creditor_id"], ["id"])
    op.create_foreign_key("invoices_debtor_id_fkey", "invoices", "debtors", ["debtor_id"], ["id"])
    op.drop_constraint("uq_cases_id_creditor_debtor", "cases", type_="unique")
