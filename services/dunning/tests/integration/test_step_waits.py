"""A step the preparing pass moved instead of sending says why in the case's steps: outside its channel's hours, the
debtor's weekly cap, a call where the debtor was reached, a reply it wrote; and says nothing once the step was moved
again for another reason, or went out."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlmodel import Session

from workbench.testing.moments import at

from dunning.messages.models import DebtorReply
from dunning.steps.models import DunningStep, PhoneTask

DUE = date(2026, 11, 2)  # a Monday: the first e-mail is due on Saturday 7 November at 9:00


def pending(dunning, case_id: str) -> dict:
    [step] = [s for s in dunning.steps(case_id)["items"] if s["status"] == "scheduled"]
    return step


def replied(dunning, case, received_at: datetime) -> None:
    """A reply of the case's debtor, recorded as the mailbox reader records one (`test_replies.py` reads real ones)."""
    with Session(dunning.engine) as session:
        session.add(
            DebtorReply(
                identity=f"<{uuid.uuid4()}@dupont.example>",
                case_id=uuid.UUID(case.case_id),
                debtor_id=uuid.UUID(case.debtor.debtor_id),
                sender="compta@dupont.example",
                subject="RE: votre relance",
                text="Nous avons payé.",
                original=b"Subject: RE: votre relance\r\n\r\nNous avons pay\xc3\xa9.",
                received_at=received_at,
            )
        )
        session.commit()


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_a_step_due_on_a_sunday_waits_for_the_window_and_says_so(dunning):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=date(2026, 11, 3))  # first step on Sunday 8 November
    assert pending(dunning, case.case_id)["waiting"] is None  # not moved yet: its own day
    dunning.clock.set(at(date(2026, 11, 8), 11))
    dunning.run()
    step = pending(dunning, case.case_id)
    assert instant(step["due_at"]) == at(date(2026, 11, 9), 8)
    assert step["waiting"] == {"reason": "window", "since": None}

    dunning.clock.set(at(date(2026, 11, 9), 8, 30))
    dunning.run()
    sent = next(s for s in dunning.steps(case.case_id)["items"] if s["step"] == "email-1")
    assert sent["status"] == "done" and sent["waiting"] is None  # gone out: nothing waits any more


def test_a_step_of_a_debtor_who_wrote_to_us_waits_for_the_agency_and_names_the_reply(dunning):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    written = at(date(2026, 11, 6), 15)
    replied(dunning, case, written)
    dunning.clock.set(at(date(2026, 11, 7), 9, 30))
    dunning.run()
    step = pending(dunning, case.case_id)
    assert instant(step["due_at"]) == at(date(2026, 11, 9), 15)  # three days after the reply
    assert step["waiting"]["reason"] == "reply" and instant(step["waiting"]["since"]) == written


def test_a_call_that_reached_the_debtor_holds_its_steps_and_the_later_reply_names_itself(dunning):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    called, written = at(date(2026, 11, 5), 10), at(date(2026, 11, 6), 11)
    with Session(dunning.engine) as session:
        session.add(
            PhoneTask(
                case_id=uuid.UUID(case.case_id),
                debtor_id=uuid.UUID(case.debtor.debtor_id),
                due_at=called,
                status="done",
                outcome="reached",
                done_at=called,
            )
        )
        session.commit()
    dunning.clock.set(at(date(2026, 11, 7), 9, 30))
    dunning.run()
    step = pending(dunning, case.case_id)
    assert step["waiting"]["reason"] == "call" and instant(step["waiting"]["since"]) == called
    assert instant(step["due_at"]) == at(date(2026, 11, 9), 8)  # three days after: a Sunday, so Monday at 8:00

    replied(dunning, case, written)
    dunning.clock.set(at(date(2026, 11, 9), 10, 30))
    dunning.run()
    step = pending(dunning, case.case_id)
    assert step["waiting"]["reason"] == "reply" and instant(step["waiting"]["since"]) == written


def test_the_weekly_cap_names_the_oldest_contact_it_counts(dunning, together):
    debtor_id = uuid.uuid4()
    dunning.clock.set(at(DUE, 8))
    first, second = (dunning.validate_case(due=DUE, debtor_id=debtor_id) for _ in range(2))
    dunning.clock.set(at(date(2026, 11, 9), 10))
    report = together.prepare(cap=1)
    assert (report.prepared, report.deferred) == (1, 1), report
    steps = [step for case in (first, second) for step in dunning.steps(case.case_id)["items"]]
    assert sorted(step["status"] for step in steps) == ["scheduled", "sending"]  # one prepared, one moved
    [held] = [step["waiting"] for step in steps if step["waiting"] is not None]
    assert held["reason"] == "weekly_cap" and instant(held["since"]) == at(date(2026, 11, 9), 10)


def test_a_step_moved_since_for_another_reason_no_longer_says_why_it_waited(dunning):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=date(2026, 11, 3))
    dunning.clock.set(at(date(2026, 11, 8), 11))
    dunning.run()
    assert pending(dunning, case.case_id)["waiting"]["reason"] == "window"
    with Session(dunning.engine) as session:  # as a resumed scenario sets a pending step's new day
        step = session.get(DunningStep, uuid.UUID(pending(dunning, case.case_id)["id"]))
        assert step is not None
        step.due_at = at(date(2026, 11, 12), 9)
        session.add(step)
        session.commit()
    assert pending(dunning, case.case_id)["waiting"] is None
