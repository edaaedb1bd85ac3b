"""Insolvency proceedings opened on a debtor already under collection: staff record the judgment on the shared
record, and every creditor's case that collection was working moves to claim declaration with its deadline, told
by a `case.status_changed` each and one `debtor.updated`; a post-opening claim and a submitted case keep their
course; the refusals (twice, a merged record, dates) in plain words."""

from __future__ import annotations

from sqlmodel import Session, select

from shared.audit import AuditEntry
from shared.demo import DEMO_CREDITOR_ID
from shared.outbox import OutboxMessage

VALID_CHECKLIST = {"contract_signed": True, "delivery_evidenced": True}
OPENING = {"kind": "redressement", "opened_on": "2026-11-02", "published_on": "2026-11-13"}


def validated(api, body, headers) -> dict:
    case = api.client.post("/api/v1/cases", json=body, headers=headers)
    assert case.status_code == 201, case.text
    case_id = case.json()["id"]
    api.client.put(f"/api/v1/cases/{case_id}/checklist", json=VALID_CHECKLIST, headers=headers)
    answer = api.client.post(f"/api/v1/cases/{case_id}/validate", json={}, headers=api.agent)
    assert answer.status_code == 200, answer.text
    return answer.json()


def events(api, event_type: str) -> list[dict]:
    with Session(api.client.app.state.runtime.engine) as session:
        rows = session.exec(select(OutboxMessage).where(OutboxMessage.event_type == event_type)).all()
        return [row.envelope["data"] for row in rows]


def test_the_judgment_moves_every_creditors_case_under_collection_to_claim_declaration(api, a_case, other_creditor):
    mine = validated(api, a_case("INS-A"), api.creditor)
    theirs_body = a_case("INS-B")
    theirs_body["debtor"] = {"type": "company", "name": "DUPONT SARL", "siren": "732829320"}
    theirs = validated(api, theirs_body, other_creditor)
    after = a_case("INS-C")
    after["invoices"] = [
        {"number": "P-1", "issue_date": "2026-11-10", "due_date": "2026-11-20", "amount": "90.00", "currency": "EUR"}
    ]
    later = validated(api, after, api.creditor)
    pending = a_case("INS-D")
    pending["invoices"] = [{**after["invoices"][0], "number": "D-1", "issue_date": "2026-10-01"}]
    waiting = api.client.post("/api/v1/cases", json=pending, headers=api.creditor).json()
    assert waiting["status"] == "submitted", waiting
    debtor_id = mine["debtor"]["id"]
    assert theirs["debtor"]["id"] == debtor_id and mine["status"] == "amicable"

    recorded = api.client.post(f"/api/v1/intake/debtors/{debtor_id}/insolvency", json=OPENING, headers=api.agent)

    assert recorded.status_code == 201, recorded.text
    body = recorded.json()
    assert body["claim_deadline"] == "2027-01-13"  # two months from the BODACC publication (L622-24, R622-24)
    assert body["debtor"]["insolvency"]["kind"] == "redressement"
    assert {case["reference"] for case in body["moved"]} == {"INS-A", "INS-B"}
    kept = {case["reference"]: case["why"] for case in body["kept"]}
    assert kept["INS-C"] == "after_judgment"
    for case, headers in ((mine, api.creditor), (theirs, other_creditor)):
        read = api.client.get(f"/api/v1/cases/{case['id']}", headers=headers).json()
        assert (read["status"], read["claim_deadline"]) == ("claim_declaration", "2027-01-13")
    assert api.client.get(f"/api/v1/cases/{later['id']}", headers=api.creditor).json()["status"] == "amicable"

    moves = [e for e in events(api, "recouvra.intake.case.status_changed.v1") if e["to_status"] == "claim_declaration"]
    assert sorted(e["case_id"] for e in moves) == sorted([mine["id"], theirs["id"]])
    assert all(e["from_status"] == "amicable" and "L622-21" in e["reason"] for e in moves)
    assert {e["claim_deadline"] for e in moves} == {"2027-01-13"}  # legal watches it
    updates = events(api, "recouvra.intake.debtor.updated.v2")
    assert [u["debtor"]["insolvency"] for u in updates if u["debtor"]["debtor_id"] == debtor_id] == [True]
    with Session(api.client.app.state.runtime.engine) as session:
        entry = session.exec(select(AuditEntry).where(AuditEntry.action == "debtor.insolvency_recorded")).one()
    assert sorted(entry.details["cases_moved"]) == sorted([mine["id"], theirs["id"]])

    assert kept["INS-D"] == "not_yet_validated"
    api.client.put(f"/api/v1/cases/{waiting['id']}/checklist", json=VALID_CHECKLIST, headers=api.creditor)
    at_validation = api.client.post(f"/api/v1/cases/{waiting['id']}/validate", json={}, headers=api.agent)
    assert at_validation.json()["status"] == "claim_declaration"  # validation reads the same record


def test_the_judgment_is_recorded_once_by_staff_with_dates_that_hold(api, a_case):
    case = validated(api, a_case("INS-E"), api.creditor)
    path = f"/api/v1/intake/debtors/{case['debtor']['id']}/insolvency"
    assert api.client.post(path, json=OPENING, headers=api.creditor).status_code == 403
    future = api.client.post(path, json={**OPENING, "opened_on": "2026-12-01"}, headers=api.agent)
    assert future.status_code == 422 and future.json()["field"] == "opened_on"
    early = {**OPENING, "published_on": "2026-10-30"}
    refused = api.client.post(path, json=early, headers=api.agent | {"Accept-Language": "fr"})
    assert refused.status_code == 422 and refused.json()["detail"].startswith("published_on : la publication")
    assert api.client.get(f"/api/v1/cases/{case['id']}", headers=api.creditor).json()["status"] == "amicable"

    assert api.client.post(path, json=OPENING, headers=api.agent).status_code == 201
    again = api.client.post(path, json=OPENING, headers=api.agent)
    assert again.status_code == 409 and "already recorded" in again.json()["detail"]
    unknown = api.client.post(
        "/api/v1/intake/debtors/00000000-0000-4000-8000-000000000000/insolvency", json=OPENING, headers=api.agent
    )
    assert unknown.status_code == 404
    bad_kind = api.client.post(path, json={**OPENING, "kind": "faillite"}, headers=api.agent)
    assert bad_kind.status_code == 422


def test_staff_opening_a_case_with_proceedings_on_a_known_debtor_stay_its_cases_too(api, a_case):
    running = validated(api, a_case("INS-F"), api.creditor)
    body = a_case("INS-G", creditor_id=str(DEMO_CREDITOR_ID))
    body["invoices"] = [{**body["invoices"][0], "number": "G-1"}]
    body["debtor"] = {**body["debtor"], "insolvency": OPENING}
    opened = api.client.post("/api/v1/cases", json=body, headers=api.agent)
    assert opened.status_code == 201, opened.text
    assert opened.json()["debtor"]["id"] == running["debtor"]["id"]  # recognised: the same debtor
    read = api.client.get(f"/api/v1/cases/{running['id']}", headers=api.creditor).json()
    assert (read["status"], read["claim_deadline"]) == ("claim_declaration", "2027-01-13")
    updates = events(api, "recouvra.intake.debtor.updated.v2")
    assert [u["debtor"]["insolvency"] for u in updates if u["debtor"]["debtor_id"] == running["debtor"]["id"]] == [True]
