"""per-creditor debtor views: each creditor reads the debtor as it gave it

`scoring_debtor_views` holds, per debtor and creditor, the name as that creditor spelled it, the legal form and
creation date it gave and which contacts it gave, from its cases' snapshots. A creditor's aged balance, export,
worklist and case reasons read it; `scoring_debtors` sums the views up for staff and the debtor-wide score.

Data: every creditor with a case on a debtor gets a view from the debtor's current columns (who supplied which
detail was not recorded); the contact flags go to the creditor of the debtor's earliest case only, as intake's
contacts did (intake_0004), so that no creditor's contactability counts contacts another gave.

Revision ID: scoring_0005
Revises: scoring_0004
Create Date: 2026-12-02 10:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "scoring_0005"
down_revision: str | None = "scoring_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "scoring_debtor_views",
        sa.Column("debtor_id", sa.Uuid(), nullable=False),
        sa.Column("creditor_id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("legal_form", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("created_on", sa.Date(), nullable=True),
        sa.Column("has_email", sa.Boolean(), nullable=False),
        sa.Column("has_phone", sa.Boolean(), nullable=False),
        sa.Column("has_address", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("debtor_id", "creditor_id"),
    )
    op.alter_column("scoring_debtors", "name", server_default="")
    op.execute("""
        INSERT INTO scoring_debtor_views (debtor_id, creditor_id, name, legal_form, created_on,
                                          has_email, has_phone, has_address)
        SELECT pair.debtor_id, pair.creditor_id, d.name, d.legal_form, d.created_on,
               first_case.creditor_id = pair.creditor_id AND d.has_email,
               first_case.creditor_id = pair.creditor_id AND d.has_phone,
               first_case.creditor_id = pair.creditor_id AND d.has_address
        FROM (SELECT DISTINCT debtor_id, creditor_id FROM scoring_cases) pair
        JOIN scoring_debtors d ON d.debtor_id = pair.debtor_id
        JOIN LATERAL (SELECT c.creditor_id FROM scoring_cases c WHERE c.debtor_id = pair.debtor_id
                      ORDER BY c.validated_on, c.case_id LIMIT 1) first_case ON true
    """)


def downgrade() -> None:
    op.alter_column("scoring_debtors", "name", server_default=None)
    op.drop_table("scoring_debtor_views")
