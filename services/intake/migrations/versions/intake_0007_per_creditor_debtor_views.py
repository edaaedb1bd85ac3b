"""per-creditor debtor views: what a creditor gives about a shared debtor stays its own

`debtor_contacts` becomes `debtor_views`: besides the contacts, each creditor's view holds the name as it spelled
it, the legal form, SIRET, VAT number and company creation date it gave. The shared `debtors` record keeps the
identity (type, SIREN, match key, insolvency, merges) and its reference name for staff.

Data: every creditor with a case on a debtor gets a view, filled from the debtor's current columns (who supplied
which detail was not recorded). Contacts stay where intake_0004 put them (the creditor of the earliest case):
a view created here for another creditor takes no contact detail, as that creditor was shown none.

Revision ID: intake_0007
Revises: intake_0006
Create Date: 2026-12-02 10:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "intake_0007"
down_revision: str | None = "intake_0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MOVED = ("legal_form", "siret", "vat_number", "created_on", "email", "phone", "address")


def upgrade() -> None:
    op.rename_table("debtor_contacts", "debtor_views")
    op.execute(
        "ALTER TABLE debtor_views RENAME CONSTRAINT uq_debtor_contacts_debtor_creditor "
        "TO uq_debtor_views_debtor_creditor"
    )
    op.execute("ALTER TABLE debtor_views RENAME CONSTRAINT debtor_contacts_pkey TO debtor_views_pkey")
    op.execute("ALTER INDEX ix_debtor_contacts_debtor_id RENAME TO ix_debtor_views_debtor_id")
    op.add_column("debtor_views", sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.add_column("debtor_views", sa.Column("legal_form", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.add_column("debtor_views", sa.Column("siret", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.add_column("debtor_views", sa.Column("vat_number", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.add_column("debtor_views", sa.Column("created_on", sa.Date(), nullable=True))
    # each case's creditor sees the debtor of its case: a view of that record, unless it has one of a record
    # merged into it (the view its cases were opened with)
    op.execute("""
        INSERT INTO debtor_views (id, debtor_id, creditor_id, updated_at)
        SELECT gen_random_uuid(), pair.debtor_id, pair.creditor_id, now()
        FROM (SELECT DISTINCT c.debtor_id, c.creditor_id FROM cases c) pair
        WHERE NOT EXISTS (SELECT 1 FROM debtor_views v JOIN debtors d ON d.id = v.debtor_id
                          WHERE v.creditor_id = pair.creditor_id
                            AND (d.id = pair.debtor_id OR d.merged_into_id = pair.debtor_id))
    """)
    op.execute("""
        UPDATE debtor_views v
        SET name = d.name, legal_form = d.legal_form, siret = d.siret, vat_number = d.vat_number,
            created_on = d.created_on
        FROM debtors d WHERE d.id = v.debtor_id
    """)
    op.alter_column("debtor_views", "name", nullable=False)
    for column in MOVED:
        op.drop_column("debtors", column)


def downgrade() -> None:
    op.add_column("debtors", sa.Column("legal_form", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.add_column("debtors", sa.Column("siret", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.add_column("debtors", sa.Column("vat_number", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.add_column("debtors", sa.Column("email", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.add_column("debtors", sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    op.add_column("debtors", sa.Column("address", postgresql.JSONB(astext_type=sa.Text()), nullable=True))
    op.add_column("debtors", sa.Column("created_on", sa.Date(), nullable=True))
    # the shared record takes back, detail by detail, what the earliest view of it held
    for column in MOVED:
        op.execute(f"""
            UPDATE debtors d SET {column} = (
                SELECT v.{column} FROM debtor_views v
                WHERE v.debtor_id = d.id AND v.{column} IS NOT NULL ORDER BY v.updated_at, v.id LIMIT 1)
        """)
    for column in ("name", "legal_form", "siret", "vat_number", "created_on"):
        op.drop_column("debtor_views", column)
    op.execute("ALTER INDEX ix_debtor_views_debtor_id RENAME TO ix_debtor_contacts_debtor_id")
    op.execute("ALTER TABLE debtor_views RENAME CONSTRAINT debtor_views_pkey TO debtor_contacts_pkey")
    op.execute(
        "ALTER TABLE debtor_views RENAME CONSTRAINT uq_debtor_views_debtor_creditor "
        "TO uq_debtor_contacts_debtor_creditor"
    )
    op.rename_table("debtor_views", "debtor_contacts")
