"""A call-back the debtor asks for: the slots of the call windows offered, one taken with the number to call, a phone
task in the agents' queue due at the slot's start with a `CallbackRequested` event; a later request moves it; a slot
not offered, a number that is none, or another creditor's case are refused plainly."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from workbench.testing.moments import at

DUE = date(2026, 11, 2)


def placed(dunning):
    creditor_id = uuid.uuid4()
    dunning.register_creditor(creditor_id)
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE, creditor_id=creditor_id)
    dunning.clock.set(at(date(2026, 11, 4), 9))  # a Wednesday morning
    return case, f"/api/v1/dunning/cases/{case.case_id}/callbacks", dunning.headers("creditor", creditor_id)


def test_the_debtor_takes_an_offered_slot_and_an_agent_finds_the_call_back_in_the_queue(dunning):
    case, path, creditor = placed(dunning)

    offered = dunning.client.get(path, headers=creditor).json()
    assert offered["open"] is None
    first = offered["slots"][0]
    assert datetime.fromisoformat(first["window"]) == at(date(2026, 11, 4), 10)
    assert datetime.fromisoformat(first["end"]) == at(date(2026, 11, 4), 13)
    taken = offered["slots"][1]  # Wednesday 14:00-20:00
    asked = dunning.client.post(
        path,
        json={"window": taken["window"], "phone": "06 12 34 56 78", "note": "Pour un échéancier"},
        headers=dunning.headers("service"),
    )

    assert asked.status_code == 201, asked.text
    body = asked.json()
    assert body["phone"] == "+33612345678" and body["note"] == "Pour un échéancier"
    assert datetime.fromisoformat(body["start"]) == at(date(2026, 11, 4), 14)
    assert datetime.fromisoformat(body["end"]) == at(date(2026, 11, 4), 20)
    queue = dunning.client.get("/api/v1/dunning/tasks", params={"callback": "true"}, headers=dunning.headers()).json()
    [task] = [t for t in queue["items"] if t["case_id"] == case.case_id]
    assert task["callback_phone"] == "+33612345678" and task["id"] == body["task_id"]
    assert task["case_reference"] == case.reference  # the queue names the case as the creditor does
    assert datetime.fromisoformat(task["due_at"]) == at(date(2026, 11, 4), 14)
    [event] = dunning.outbox("recouvra.dunning.callback.requested.v1")
    assert event["task_id"] == body["task_id"] and event["case_id"] == case.case_id and "phone" not in event
    assert dunning.client.get(path, headers=creditor).json()["open"]["task_id"] == body["task_id"]


def test_a_later_request_moves_the_waiting_call_back(dunning):
    case, path, _ = placed(dunning)
    slots = dunning.client.get(path, headers=dunning.headers()).json()["slots"]
    first = dunning.client.post(
        path, json={"window": slots[0]["window"], "phone": "0612345678"}, headers=dunning.headers()
    )
    moved = dunning.client.post(
        path, json={"window": slots[3]["window"], "phone": "0145678901"}, headers=dunning.headers()
    )

    assert moved.status_code == 201 and moved.json()["task_id"] == first.json()["task_id"]
    assert moved.json()["phone"] == "+33145678901"
    queue = dunning.client.get(
        "/api/v1/dunning/tasks", params={"callback": "true", "case_id": case.case_id}, headers=dunning.headers()
    ).json()
    assert queue["total"] == 1


def test_a_slot_not_offered_or_a_wrong_number_is_refused_in_plain_words(dunning):
    _, path, creditor = placed(dunning)
    slots = dunning.client.get(path, headers=dunning.headers()).json()["slots"]

    past = dunning.client.post(
        path, json={"window": at(date(2026, 11, 3), 10).isoformat(), "phone": "0612345678"}, headers=dunning.headers()
    )
    sunday = dunning.client.post(
        path, json={"window": at(date(2026, 11, 8), 10).isoformat(), "phone": "0612345678"}, headers=dunning.headers()
    )
    number = dunning.client.post(
        path, json={"window": slots[0]["window"], "phone": "12"}, headers={**dunning.headers(), "Accept-Language": "fr"}
    )
    by_creditor = dunning.client.post(
        path, json={"window": slots[0]["window"], "phone": "0612345678"}, headers=creditor
    )

    assert past.status_code == sunday.status_code == 422
    assert "not offered" in past.text and "not offered" in sunday.text
    assert number.status_code == 422 and "numéro de téléphone" in number.text
    assert by_creditor.status_code == 403


def test_another_creditors_case_is_not_found(dunning):
    _, path, _ = placed(dunning)
    stranger = dunning.headers("creditor", uuid.uuid4())
    assert dunning.client.get(path, headers=stranger).status_code == 404
