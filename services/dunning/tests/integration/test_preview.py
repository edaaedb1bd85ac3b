"""Test mode on the real database: each step dated on the instant the scheduler then really sends it, texts citing
the earlier steps' real days, in the language the debtor receives whatever the agent's own; a paused case says why
and when it goes on; a case dunning no longer works has nothing to come."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from shared.events.intake import CasePaid
from workbench.testing.moments import at

from dunning.messages.outgoing import outgoing_builder

DUE = date(2026, 10, 3)  # long past, as for the demo's cases: every step's nominal day is gone
TODAY = date(2026, 12, 7)  # a Monday


def preview_of(dunning: Any, case: Any) -> dict[str, Any]:
    # the client asks in English, as an agent reading the back-office in English does
    answer = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/preview", headers=dunning.headers())
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def letters_go_out(dunning: Any) -> None:
    """The letters' provider needs a callback address, which the test's settings leave out (never called here:
    the fake provider's auto-delivery is off)."""
    settings = dunning.facts.settings.model_copy(update={"callback_base_url": "http://127.0.0.1:9"})
    dunning.client.app.state.scheduler.outgoing_for = outgoing_builder(settings)


def leaving(items: list[dict[str, Any]]) -> list[tuple[str, datetime]]:
    return [(item["step"], datetime.fromisoformat(item["due_at"])) for item in items]


def test_each_step_is_dated_as_the_scheduler_then_sends_it_and_cites_the_first_letters_real_day(dunning, mail_server):
    dunning.clock.set(at(TODAY))
    case = dunning.validate_case(due=DUE)

    preview = preview_of(dunning, case)

    items = preview["items"]
    assert leaving(items) == [
        ("email-1", at(TODAY)),
        ("email-2", at(date(2026, 12, 17), 9)),
        ("letter-1", at(date(2026, 12, 28), 8)),  # 27 December is a Sunday
        ("call-1", at(date(2027, 1, 7), 10)),
        ("formal-notice", at(date(2027, 1, 18), 8)),  # 17 January is a Sunday
    ]
    assert preview["status"] == "active" and preview["pause"] is None
    assert preview["language"] == "fr" and {item["language"] for item in items} == {"fr"}
    assert (
        "facture en attente de règlement" in items[0]["subject"]
        and "Malgré notre courrier du 7 décembre 2026" in items[1]["text"]
    )
    assert "Notre courrier du 7 décembre 2026" in items[2]["text"]
    assert all(item["compliant"] for item in items), [(i["step"], i["missing_mentions"]) for i in items]

    letters_go_out(dunning)
    for item in items:  # the scheduler, run at each instant the preview gave, sends each step then
        dunning.clock.set(datetime.fromisoformat(item["due_at"]))
        dunning.run()
    steps = dunning.steps(case.case_id)["items"]
    assert [(s["step"], s["status"], datetime.fromisoformat(s["executed_at"])) for s in steps] == [
        (step, "done", instant) for step, instant in leaving(items)
    ]
    second = [m for m in mail_server.messages() if case.reference in str(m.get_body(("plain",)).get_content())][1]
    assert "Malgré notre courrier du 7 décembre 2026" in " ".join(second.get_body(("plain",)).get_content().split())


def test_a_case_paused_by_a_promise_says_so_and_its_steps_wait_for_the_day_the_promise_breaks(dunning, mail_server):
    dunning.clock.set(at(TODAY))
    case = dunning.validate_case(due=DUE, amount="2400.00")
    promised = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/promises",
        json={"amount": "900.00", "due_on": "2026-12-15"},
        headers=dunning.headers(),
    )
    assert promised.status_code == 201, promised.text

    preview = preview_of(dunning, case)

    assert preview["status"] == "promise"
    pause = preview["pause"]
    assert pause["reason"] == "promise" and pause["then"] == "resume"
    assert (pause["promise_amount"], pause["promise_due_on"], pause["currency"]) == ("900.00", "2026-12-15", "EUR")
    assert pause["resumes_on"] == "2026-12-18"  # 15 December and the two grace days passed unpaid
    items = preview["items"]
    assert leaving(items)[:3] == [
        ("email-1", at(date(2026, 12, 18), 8)),
        ("email-2", at(date(2026, 12, 28), 9)),
        ("letter-1", at(date(2027, 1, 7), 9)),
    ]
    assert "Malgré notre courrier du 18 décembre 2026" in items[1]["text"]

    dunning.clock.set(at(date(2026, 12, 17), 12))
    dunning.run()
    assert dunning.steps(case.case_id)["items"][0]["status"] == "scheduled"  # still paused: nothing went out
    dunning.clock.set(datetime.fromisoformat(items[0]["due_at"]))
    dunning.run()
    first = dunning.steps(case.case_id)["items"][0]
    assert first["status"] == "done" and datetime.fromisoformat(first["executed_at"]) == at(date(2026, 12, 18), 8)


def test_a_disputed_case_has_no_day_to_resume_and_no_step_dated_in_the_past(dunning):
    dunning.clock.set(at(TODAY))
    case = dunning.validate_case(due=DUE)
    dunning.clock.set(at(date(2026, 12, 9)))
    opened = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/disputes",
        json={"reason": "Marchandise jamais livrée"},
        headers=dunning.headers(),
    )
    assert opened.status_code == 201, opened.text

    preview = preview_of(dunning, case)

    assert preview["status"] == "dispute" and preview["pause"]["reason"] == "dispute"
    assert preview["pause"]["resumes_on"] is None
    assert all(instant >= at(date(2026, 12, 9)) for _, instant in leaving(preview["items"]))


def test_a_case_on_a_payment_plan_resumes_after_the_grace_days_of_its_first_unpaid_instalment(dunning):
    creditor_id = uuid.uuid4()
    dunning.register_creditor(creditor_id)
    dunning.clock.set(at(TODAY))
    case = dunning.validate_case(due=DUE, creditor_id=creditor_id)
    instalments = [{"due_on": "2026-12-20", "amount": "600.00"}, {"due_on": "2027-01-20", "amount": "600.00"}]
    agreed = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/plans", json={"instalments": instalments}, headers=dunning.headers()
    )
    assert agreed.status_code == 201 and agreed.json()["status"] == "agreed", agreed.text

    preview = preview_of(dunning, case)

    assert preview["status"] == "plan"
    assert preview["pause"]["reason"] == "plan" and preview["pause"]["then"] == "resume"
    assert preview["pause"]["resumes_on"] == "2026-12-26"  # 20 December and the plan's five grace days
    assert leaving(preview["items"])[0] == ("email-1", at(date(2026, 12, 26), 8))  # a Saturday


def test_a_paid_case_has_nothing_to_come(dunning):
    dunning.clock.set(at(TODAY))
    case = dunning.validate_case(due=DUE)
    dunning.apply(CasePaid(case_id=case.case_id, creditor_id=case.creditor_id, paid_on=TODAY), subject=case.case_id)

    preview = preview_of(dunning, case)

    assert preview["status"] == "closed" and preview["items"] == [] and preview["pause"] is None
