"""No service's schema keeps an index whose columns lead another index of the same table: the longer one serves
every look-up the shorter one does, so the shorter one only costs writes, and it misleads the planner. Before
tables are analysed (a bulk import into a new database), PostgreSQL took `ix_cases_creditor_id` for the import's
look-up of a batch's references and read all the creditor's cases for each batch, so the import slowed down as it
went (docs/benchmarks.md, "The redundant index that made the import quadratic"). A unique index is kept whatever
it leads: it is a rule, not a speed-up. Read from the migrated schema: an index added by a migration fails here
and names itself."""

from __future__ import annotations

import psycopg
import pytest

SERVICES = ("portal", "intake", "scoring", "dunning", "legal")

# Every plain B-tree index (not partial, on columns only), with its key columns in order. Another kind (GIN, BRIN)
# on the same column answers other questions and is not compared.
INDEXES = """
SELECT t.relname, i.relname, x.indisunique, (x.indkey::int2[])[0:x.indnkeyatts - 1]
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_am a ON a.oid = i.relam
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = 'public' AND x.indpred IS NULL AND x.indexprs IS NULL AND a.amname = 'btree'
"""


def redundant_indexes(conninfo: str) -> list[str]:
    """'table.index (led by other)' for each non-unique index whose columns lead another index's."""
    with psycopg.connect(conninfo) as conn:
        rows = conn.execute(INDEXES).fetchall()
    found = []
    for table, name, unique, columns in rows:
        if unique:
            continue
        for other_table, other, other_unique, other_columns in rows:
            leads = other_table == table and other != name and list(other_columns[: len(columns)]) == list(columns)
            # Of two equal indexes, one is named (the other comes before it in order, or it is unique).
            if leads and (len(other_columns) > len(columns) or other_unique or other < name):
                found.append(f"{table}.{name} (led by {other})")
                break
    return sorted(found)


@pytest.mark.parametrize("service", SERVICES)
def test_no_index_is_led_by_another_s_columns(service, fresh_database):
    url = fresh_database(service).replace("postgresql+psycopg://", "postgresql://")
    assert redundant_indexes(url) == []


def test_the_check_names_a_b_tree_index_another_one_leads_and_no_other_kind(fresh_database):
    url = fresh_database("intake").replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE INDEX ix_probe ON cases (creditor_id)")
        conn.execute("CREATE INDEX ix_probe_covering ON cases (debtor_id) INCLUDE (status)")
        conn.execute("CREATE INDEX ix_probe_brin ON cases USING brin (creditor_id)")
    assert redundant_indexes(url) == [
        "cases.ix_probe (led by uq_cases_creditor_reference)",
        "cases.ix_probe_covering (led by ix_cases_debtor_id)",
    ]
