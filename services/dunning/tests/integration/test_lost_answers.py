"""A promise or a dispute whose answer a kill lost (committed, the kept answer gone): the retry with the same
Idempotency-Key is answered 303 See Other to the case's promises or disputes, where it stands, not 409 (issue 18's
proof, run 15, lost such an answer for a payment)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import update
from sqlmodel import Session, select

from shared.idempotency_records import IdempotencyRecord

DUE = date(2026, 11, 2)

ACTIONS = [
    ("promises", {"amount": "600.00", "due_on": "2026-11-20"}),
    ("disputes", {"reason": "Le débiteur conteste la livraison"}),
]


@pytest.mark.parametrize(("kind", "body"), ACTIONS)
def test_a_retry_whose_answer_was_lost_is_sent_to_what_it_recorded(dunning, kind, body):
    dunning.clock.set(datetime(2026, 11, 4, 9, tzinfo=UTC))
    case = dunning.validate_case(due=DUE)
    path = f"/api/v1/dunning/cases/{case.case_id}/{kind}"
    headers = {**dunning.headers(), "Idempotency-Key": f"{kind}-lost-answer"}
    first = dunning.client.post(path, json=body, headers=headers)
    assert first.status_code == 201, first.text
    with Session(dunning.engine) as session:  # what the kill leaves: the stamp, no kept answer
        session.execute(update(IdempotencyRecord).values(status_code=None, body=None))
        session.commit()
    again = dunning.client.post(path, json=body, headers=headers, follow_redirects=False)
    assert again.status_code == 303, again.text
    assert again.headers["Location"] == path
    listed = dunning.client.get(path, headers=dunning.headers())
    assert [item["id"] for item in listed.json()] == [first.json()["id"]]


def test_a_scheduler_pass_asked_again_with_the_same_key_runs_again_and_sends_nothing_twice(dunning, mail_server):
    dunning.clock.set(datetime(2026, 11, 4, 9, tzinfo=UTC))
    dunning.validate_case(due=DUE)
    dunning.clock.set(datetime(2026, 11, 9, 9, tzinfo=UTC))
    headers = {**dunning.headers("admin"), "Idempotency-Key": "a-pass"}

    first = dunning.client.post("/api/v1/dunning/admin/run", headers=headers)
    again = dunning.client.post("/api/v1/dunning/admin/run", headers=headers)  # as after an answer lost

    assert first.status_code == again.status_code == 200, again.text
    assert (first.json()["sent"], again.json()["sent"]) == (1, 0)
    assert "idempotent-replayed" not in again.headers
    with Session(dunning.engine) as session:  # no claim kept: a retry after a kill is never told 409
        assert session.exec(select(IdempotencyRecord)).all() == []
