"""indexes led by another's columns dropped, on factoring batches, alerts, claim steps and mission deeds

`ix_factoring_batches_creditor_id`, `ix_legal_alerts_case_id`, `ix_legal_insolvency_claim_steps_claim_id` and
`ix_legal_mission_deeds_mission_id`: each one's column leads a unique index of the same table, which serves every
look-up the shorter index did. The shorter one only cost writes and misled the planner: before the tables were
analysed, PostgreSQL read all of a creditor's cases through `ix_cases_creditor_id` for each batch of a bulk import
(docs/benchmarks.md, "The redundant index that made the import quadratic").
tests/foundation/test_redundant_indexes.py keeps them out.

Revision ID: legal_0011
Revises: legal_0010
Create Date: 2026-12-05 09:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "legal_0011"
down_revision: str | None = "legal_0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_factoring_batches_creditor_id", table_name="factoring_batches")
    op.drop_index("ix_legal_alerts_case_id", table_name="legal_alerts")
    op.drop_index("ix_legal_insolvency_claim_steps_claim_id", table_name="legal_insolvency_claim_steps")
    op.drop_index("ix_legal_mission_deeds_mission_id", table_name="legal_mission_deeds")


def downgrade() -> None:
    op.create_index("ix_factoring_batches_creditor_id", "factoring_batches", ["creditor_id"], unique=False)
    op.create_index("ix_legal_alerts_case_id", "legal_alerts", ["case_id"], unique=False)
    op.create_index(
        "ix_legal_insolvency_claim_steps_claim_id", "legal_insolvency_claim_steps", ["claim_id"], unique=False
    )
    op.create_index("ix_legal_mission_deeds_mission_id", "legal_mission_deeds", ["mission_id"], unique=False)
