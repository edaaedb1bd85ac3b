"""A scheduler pass asked for through the API runs in the background (issue 18's 5,000-case proof: one pass rendered
letters for over eight minutes, past what any client waits for an answer): answered with its report when it ends
within `wait`, else 202 with where to follow it, the work left, and the report once done."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

DUE = date(2026, 11, 2)
RUN = "/api/v1/dunning/admin/run"


def test_a_pass_held_behind_another_is_followed_by_its_id_until_its_report(dunning, mail_server):
    dunning.clock.set(datetime(2026, 11, 4, 9, tzinfo=UTC))
    dunning.validate_case(due=DUE)
    dunning.clock.set(datetime(2026, 11, 9, 9, tzinfo=UTC))
    admin = dunning.headers("admin")
    scheduler = dunning.client.app.state.scheduler  # type: ignore[attr-defined]  # .app is typed as ASGIApp
    with scheduler.running:  # the worker's pass in progress
        first = dunning.client.post(RUN, params={"wait": 0}, headers=admin)
        again = dunning.client.post(RUN, params={"wait": 0.05}, headers=admin)  # not started yet: the same pass
        assert first.status_code == again.status_code == 202, first.text
        queued = first.json()
        assert queued["status"] == "queued" and queued["report"] is None
        assert (queued["steps_still_due"], queued["messages_to_send"]) == (1, 0)
        assert again.json()["id"] == queued["id"]
        assert first.headers["Location"] == f"{RUN}s/{queued['id']}"
    run = dunning.client.app.state.pass_runs.get(uuid.UUID(queued["id"]))  # type: ignore[attr-defined]  # .app is typed as ASGIApp
    assert run.done.wait(30)
    done = dunning.client.get(first.headers["Location"], headers=admin)
    assert done.status_code == 200, done.text
    body = done.json()
    assert body["status"] == "done" and body["report"]["sent"] == 1 and body["steps_still_due"] == 0
    assert body["started_at"] is not None and body["finished_at"] is not None
    later = dunning.client.post(RUN, headers=admin)  # a pass asked for now is a new one, answered with its report
    assert later.status_code == 200 and later.json()["sent"] == 0, later.text


def test_an_unknown_pass_is_a_404_that_says_to_ask_again(dunning):
    missing = dunning.client.get(
        f"{RUN}s/00000000-0000-0000-0000-000000000000", headers={**dunning.headers("admin"), "Accept-Language": "fr"}
    )
    assert missing.status_code == 404
    assert "demandez une nouvelle passe" in missing.text


def test_only_staff_with_the_admin_role_ask_for_or_read_a_pass(dunning):
    for method, path in (("post", RUN), ("get", f"{RUN}s/00000000-0000-0000-0000-000000000000")):
        answer = getattr(dunning.client, method)(path, headers=dunning.headers())
        assert answer.status_code == 403, answer.text
