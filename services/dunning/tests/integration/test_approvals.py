"""What waits for a creditor's decision across its cases: the plans proposed to it and the settlements below its
mandate's floor, the oldest first with their days waiting; a creditor sees its own, staff everyone's; one decided, or
past its day, waits no more."""

from __future__ import annotations

import uuid
from datetime import date

from workbench.testing.moments import at

DUE = date(2026, 11, 2)


def opened(dunning, creditor_id):
    dunning.register_creditor(creditor_id)
    dunning.clock.set(at(DUE, 8))
    return dunning.validate_case(due=DUE, creditor_id=creditor_id)


def test_a_creditor_reads_the_plans_and_settlements_waiting_for_its_decision(dunning):
    mine, theirs = uuid.uuid4(), uuid.uuid4()
    case, other = opened(dunning, mine), opened(dunning, theirs)
    dunning.clock.set(at(date(2026, 11, 4)))
    plan = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/plans",
        json={
            "instalments": [{"due_on": "2026-11-15", "amount": "600.00"}, {"due_on": "2026-12-15", "amount": "600.00"}],
            "submit_to_creditor": True,
            "note": "Deux fois",
        },
        headers=dunning.headers(),
    )
    assert plan.status_code == 201, plan.text
    dunning.clock.set(at(date(2026, 11, 6)))
    offers = {}
    for key, which, pay_by in (
        ("mine", case, "2026-11-30"),
        ("late", case, "2026-11-09"),
        ("theirs", other, "2026-11-30"),
    ):
        answer = dunning.client.post(
            f"/api/v1/dunning/cases/{which.case_id}/settlements",
            json={"amount": "700.00", "pay_by": pay_by},
            headers=dunning.headers(),
        )
        assert answer.status_code == 201 and answer.json()["status"] == "to_approve", answer.text
        offers[key] = answer.json()
    # the second offer on `case` withdrew the first: what waits there is the one to pay by the 9th
    dunning.clock.set(at(date(2026, 11, 8), 10))

    own = dunning.client.get("/api/v1/dunning/approvals", headers=dunning.headers("creditor", mine))
    assert own.status_code == 200, own.text
    assert [(item["kind"], item["id"], item["days_waiting"]) for item in own.json()["items"]] == [
        ("plan", plan.json()["id"], 4),
        ("settlement", offers["late"]["id"], 2),
    ]
    [planned, offered] = own.json()["items"]
    assert (planned["amount"], planned["instalments"], planned["first_due_on"], planned["note"]) == (
        "1200.00",
        2,
        "2026-11-15",
        "Deux fois",
    )
    assert (offered["amount"], offered["pay_by"], offered["case_reference"]) == ("700.00", "2026-11-09", case.reference)
    everyone = dunning.client.get("/api/v1/dunning/approvals", headers=dunning.headers()).json()
    assert {item["id"] for item in everyone["items"]} >= {
        plan.json()["id"],
        offers["late"]["id"],
        offers["theirs"]["id"],
    }
    narrowed = dunning.client.get(
        "/api/v1/dunning/approvals", params={"creditor_id": str(theirs)}, headers=dunning.headers()
    )
    assert [item["id"] for item in narrowed.json()["items"]] == [offers["theirs"]["id"]]
    asked = dunning.client.get(
        "/api/v1/dunning/approvals", params={"creditor_id": str(theirs)}, headers=dunning.headers("creditor", mine)
    )
    assert asked.status_code == 404
    page = dunning.client.get(
        "/api/v1/dunning/approvals", params={"limit": 1}, headers=dunning.headers("creditor", mine)
    )
    assert (page.json()["total"], len(page.json()["items"])) == (2, 1)

    decided = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/plans/{plan.json()['id']}/decision",
        json={"decision": "refuse"},
        headers=dunning.headers("creditor", mine),
    )
    assert decided.status_code == 200, decided.text
    dunning.clock.set(at(date(2026, 11, 10), 10))  # the settlement's day passed
    left = dunning.client.get("/api/v1/dunning/approvals", headers=dunning.headers("creditor", mine)).json()
    assert left == {"items": [], "total": 0}
