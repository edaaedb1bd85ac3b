"""The platform clock moved past a promise's day and its grace days: the answer to the move comes once the promise
is broken and the case's reminders resumed (the promises' day job, caught up as the other services' are), and the
steps say what the scheduler does with a pending step whose day has passed. The scheduler's worker is held still
here, as one busy elsewhere or waiting out its pause would be: the move alone must do it."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

import pytest

from workbench.testing.moments import at

from dunning.outbound.scheduler import Scheduler

DUE = date(2026, 12, 2)  # the first e-mail falls due five days later, on Monday 7 December 2026


@pytest.fixture
def settings_for(settings_for):
    """Dunning as `make run` starts it: its workers on (relay, consumer, scheduler, the day jobs)."""

    def make(service, **overrides):
        return settings_for(service, **{"run_workers": True, **overrides})

    return make


@pytest.fixture
def idle_worker(monkeypatch):
    def idle(self: Scheduler, stop: threading.Event) -> None:
        stop.wait()

    monkeypatch.setattr(Scheduler, "run", idle)


def test_moving_the_clock_past_a_promise_breaks_it_before_the_answer_and_the_reminders_resume(
    idle_worker, dunning, mail_server
):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    dunning.clock.set(at(date(2026, 12, 3)))
    promised = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/promises",
        json={"amount": "600.00", "due_on": "2026-12-20"},
        headers=dunning.headers(),
    )
    assert promised.status_code == 201, promised.text
    paused = dunning.steps(case.case_id)
    assert paused["status"] == "promise" and paused["promise_resumes_on"] == "2026-12-23"  # 20 December + 2 days
    [waiting] = paused["items"]
    assert (waiting["step"], waiting["status"], waiting["overdue"]) == ("email-1", "scheduled", False)
    assert waiting["held_until"] == "2026-12-23"  # 7 December passes while the promise holds the reminders

    moved = dunning.client.put(
        "/api/v1/admin/clock", json={"now": "2027-01-28T09:00:00+01:00"}, headers=dunning.headers("admin")
    )

    assert moved.status_code == 200, moved.text
    resumed = dunning.steps(case.case_id)
    assert resumed["status"] == "active" and resumed["promise_resumes_on"] is None
    [due] = resumed["items"]
    assert (due["step"], due["status"], due["overdue"], due["held_until"]) == ("email-1", "scheduled", True, None)
    assert datetime.fromisoformat(due["due_at"]) == datetime(2027, 1, 28, 8, 0, tzinfo=UTC)  # due now, not 7 Dec
    [record] = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/promises", headers=dunning.headers()).json()
    assert (record["status"], record["settled_on"]) == ("broken", "2027-01-28")
    [broken] = dunning.outbox("recouvra.dunning.promise.broken.v1")
    assert broken["case_id"] == case.case_id and broken["broken_on"] == "2027-01-28"

    report = dunning.run()  # the worker's next pass sends the step the promise held
    assert report["promises_broken"] == 0 and report["sent"].sent == 1, report
    [sent] = dunning.steps(case.case_id)["items"][:1]
    assert (sent["step"], sent["status"]) == ("email-1", "done")
    assert [m for m in mail_server.messages() if case.reference in m["Subject"]]


def test_moving_the_clock_within_a_promises_grace_days_leaves_the_case_paused(idle_worker, dunning):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    dunning.clock.set(at(date(2026, 12, 3)))
    dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/promises",
        json={"amount": "600.00", "due_on": "2026-12-20"},
        headers=dunning.headers(),
    )

    moved = dunning.client.put(
        "/api/v1/admin/clock", json={"now": "2026-12-22T09:00:00+01:00"}, headers=dunning.headers("admin")
    )

    assert moved.status_code == 200, moved.text
    steps = dunning.steps(case.case_id)
    assert steps["status"] == "promise" and dunning.outbox("recouvra.dunning.promise.broken.v1") == []
    [held] = steps["items"]
    assert held["overdue"] is True and held["held_until"] == "2026-12-23"  # its day passed; it waits for the 23rd
