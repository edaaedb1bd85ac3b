"""A case read costs the same whatever the size of the agency's ledger: the statement behind `GET /cases/{id}` and
the case list (and the stamp of what it reads) reaches the case's debtor, the records merged into it and their
views through indexes, by their leading column, never by reading a whole table or a whole index (issue 17: without
`ix_debtors_merged_into`, PostgreSQL walked all of the creditor's debtor views, or all debtors: 6.4 ms a case at
100,000 debtors).

The tables of a test are small, and PostgreSQL reads a small table whole whichever indexes it has; with sequential
scans priced out, the plan shows which reads an index can serve, and by which of its columns."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlmodel import Session

from shared.plain_reads import plain_execute, plain_rows

from intake.cases import case_sql

_LEADING = (
    "SELECT c.relname, a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
    "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]"
)


def _nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", []):
        yield from _nodes(child)


@pytest.mark.parametrize("staff", [False, True], ids=["creditor", "staff"])
def test_a_case_read_reaches_debtors_and_views_by_their_keys(api, staff: bool) -> None:
    with Session(api.engine) as session:
        leading = dict(plain_rows(session, _LEADING, {}))
        plain_execute(session, "SET LOCAL enable_seqscan = off", {})
        statement = case_sql.cases_sql(staff, stamped=True)  # the rows and their stamps
        [[explained]] = plain_rows(session, "EXPLAIN (FORMAT JSON) " + statement, {"ids": [uuid.uuid4()]})
    nodes = list(_nodes(explained[0]["Plan"]))
    assert not [node for node in nodes if node["Node Type"] == "Seq Scan"], explained
    scans = [node for node in nodes if "Index Name" in node]
    assert {node["Index Name"] for node in scans} >= {"uq_debtor_views_debtor_creditor", "ix_invoices_case_id"}
    for node in scans:
        key = leading[node["Index Name"]]
        assert re.search(rf"\({key} = ", node.get("Index Cond", "")), (node["Index Name"], node.get("Index Cond"))
