"""One case's fault stays with that case: a step whose preparation fails (a constraint, a bug) is rolled back alone
and tried again later, and a part of the pass that fails does not stop the others (issue 18's proof: one bad
step rolled back the whole pass, for every case, at every pass, and no case moved again)."""

from __future__ import annotations

import threading
import uuid
from datetime import date, timedelta

from sqlmodel import Session, col, select

from workbench.testing.moments import at

from dunning.messages.models import Message
from dunning.steps.models import DunningStep

DUE = date(2026, 11, 2)  # a Monday: the first e-mail falls due on Saturday 7 November


def mails_for(mail_server, reference: str) -> list[object]:
    return [m for m in mail_server.messages() if reference in str(m.get_body(("plain",)).get_content())]


def first_step(dunning, case_id: str) -> DunningStep:
    with Session(dunning.engine) as session:
        step = session.exec(
            select(DunningStep).where(DunningStep.case_id == uuid.UUID(case_id)).order_by(col(DunningStep.position))
        ).first()
        assert step is not None
        session.expunge(step)
        return step


def test_a_step_that_breaks_a_constraint_is_set_aside_and_the_other_cases_are_sent(dunning, mail_server):
    dunning.clock.set(at(DUE, 8))
    cases = [dunning.validate_case(due=DUE) for _ in range(3)]
    bad = first_step(dunning, cases[1].case_id)
    with Session(dunning.engine) as session, session.begin():  # a message already holding the step (one per step)
        session.add(
            Message(
                case_id=bad.case_id,
                debtor_id=uuid.uuid4(),
                step_id=bad.id,
                channel="email",
                template="t",
                language="fr",
                recipient="x@example.org",
                subject="s",
                body="b",
                content_sha256="0" * 64,
                status="cancelled",
                prepared_at=at(DUE),
            )
        )
    dunning.clock.set(at(date(2026, 11, 9)))
    report = dunning.run()

    assert (report["prepared"].prepared, report["prepared"].errors, report["sent"].sent) == (2, 1, 2), report
    assert report["errors"] == []
    assert mails_for(mail_server, cases[1].reference) == []
    for good in (cases[0], cases[2]):
        assert len(mails_for(mail_server, good.reference)) == 1
        assert first_step(dunning, good.case_id).status == "done"
    held = first_step(dunning, cases[1].case_id)
    assert (held.status, held.attempts) == ("scheduled", 1)
    assert held.due_at == dunning.clock.now() + timedelta(minutes=2)
    assert held.note is not None and "IntegrityError" in held.note

    answer = dunning.client.post("/api/v1/dunning/admin/run", headers=dunning.headers("admin"))
    assert answer.status_code == 200, answer.text
    assert answer.json()["set_aside"] == 0  # not due again yet: the next passes leave it


def test_a_step_failing_again_and_again_waits_for_staff(dunning, mail_server, monkeypatch):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    dunning.clock.set(at(date(2026, 11, 9)))

    def broken(case, slot):
        raise RuntimeError("a bug in the figures")

    monkeypatch.setattr(dunning.facts, "context_for", broken)
    for attempt in range(1, 6):
        assert dunning.run()["prepared"].errors == 1
        step = first_step(dunning, case.case_id)
        assert step.attempts == attempt
        dunning.clock.set(step.due_at if step.status == "scheduled" else dunning.clock.now())
    step = first_step(dunning, case.case_id)
    assert step.status == "failed" and step.note is not None
    assert "5 attempts" in step.note and "RuntimeError" in step.note
    assert dunning.run()["prepared"].errors == 0  # failed steps are not tried again


def test_a_part_of_the_pass_that_fails_does_not_stop_the_others(dunning, mail_server, monkeypatch):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    dunning.clock.set(at(date(2026, 11, 9)))

    def broken(**_: object) -> int:
        raise RuntimeError("promises unreadable")

    monkeypatch.setattr("dunning.outbound.scheduler.break_overdue_promises", broken)
    report = dunning.run()
    assert report["errors"] == ["promises"]
    assert report["sent"].sent == 1
    assert first_step(dunning, case.case_id).status == "done"


def test_a_requested_pass_waits_for_the_pass_in_progress_so_its_answer_means_done(dunning, mail_server, monkeypatch):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    dunning.clock.set(at(date(2026, 11, 9)))
    inside, release = threading.Event(), threading.Event()
    real = dunning.facts.context_for

    def slow(case, slot):
        inside.set()
        assert release.wait(30)
        return real(case, slot)

    monkeypatch.setattr(dunning.facts, "context_for", slow)
    scheduler = dunning.client.app.state.scheduler
    worker = threading.Thread(target=scheduler.run_pass)
    worker.start()
    assert inside.wait(30)  # the worker's pass holds the due step
    requested: list[dict[str, object]] = []
    asked = threading.Thread(target=lambda: requested.append(scheduler.run_pass()))
    asked.start()
    asked.join(0.2)
    assert asked.is_alive()  # it waits instead of answering "nothing to do" while the step is being prepared
    release.set()
    worker.join(30)
    asked.join(30)
    assert first_step(dunning, case.case_id).status == "done"
    assert requested and requested[0]["sent"].sent == 0
