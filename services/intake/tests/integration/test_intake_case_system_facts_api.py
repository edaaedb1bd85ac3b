"""The creditor's metadata is its own: what the system records about a case (the import that opened it, the debtor
record a merge moved it from) has columns of its own and never shows in, nor hides keys of, the metadata."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from intake.cases.models import Case


def test_metadata_comes_back_as_the_creditor_gave_it_even_with_keys_the_system_once_used(api, a_case):
    metadata = {"_merged_from_debtor": "mine", "_import_id": 7, "erp": {"id": "A-1"}}
    opened = api.client.post("/api/v1/cases", json=a_case("META-1", metadata=metadata), headers=api.creditor)
    assert opened.status_code == 201, opened.text
    read = api.client.get(f"/api/v1/cases/{opened.json()['id']}", headers=api.creditor).json()
    assert read["metadata"] == metadata
    with Session(api.engine) as session:
        case = session.get(Case, uuid.UUID(read["id"]))
        assert case.import_id is None and case.merged_from_debtor_id is None


def test_a_merge_records_where_the_case_came_from_in_its_own_column_and_an_unmerge_clears_it(api, a_case):
    one = api.client.post(
        "/api/v1/cases",
        json=a_case("SYS-1", kind="b2c", debtor={"type": "person", "name": "Paul Martin", "email": "paul@example.org"}),
        headers=api.creditor,
    ).json()
    two = api.client.post(
        "/api/v1/cases",
        json=a_case(
            "SYS-2",
            kind="b2c",
            metadata={"note": "kept"},
            debtor={"type": "person", "name": "P. MARTIN", "email": "p.martin@example.net"},
            invoices=[{"number": "F-200", "issue_date": "2026-06-01", "due_date": "2026-07-01", "amount": "80.00"}],
        ),
        headers=api.creditor,
    ).json()
    keep, duplicate = one["debtor"]["id"], two["debtor"]["id"]
    merged = api.client.post(
        f"/api/v1/intake/debtors/{keep}/merge", json={"merge_id": duplicate, "reason": "same"}, headers=api.agent
    )
    assert merged.status_code == 200, merged.text
    with Session(api.engine) as session:
        moved = session.get(Case, uuid.UUID(two["id"]))
        assert (str(moved.merged_from_debtor_id), moved.extra) == (duplicate, {"note": "kept"})
    assert (
        api.client.post(
            f"/api/v1/intake/debtors/{duplicate}/unmerge", json={"reason": "two people"}, headers=api.agent
        ).status_code
        == 200
    )
    with Session(api.engine) as session:
        back = session.get(Case, uuid.UUID(two["id"]))
        assert (back.merged_from_debtor_id, str(back.debtor_id), back.extra) == (None, duplicate, {"note": "kept"})
