"""Dunning's sender and its promise and plan jobs beside the consumer, and a call outcome beside a closing
(`together`, in this folder's conftest): each decides on its case locked, and no two wait for each other."""

from __future__ import annotations

import threading
import uuid
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from shared.auth import Principal, Role
from shared.events.intake import CasePaid, PaymentRecorded
from workbench.testing.moments import at

from dunning.channels.email import SmtpEmail
from dunning.domain.scenarios import Channel
from dunning.messages.outgoing import outgoing_builder
from dunning.outbound.sending import SendReport, send_prepared
from dunning.responses.calls import record_call_outcome
from dunning.responses.deadlines import breach_missed_plans, break_overdue_promises
from dunning.responses.models import PaymentPlan
from dunning.responses.schemas import CallOutcomeIn
from dunning.steps.models import PhoneTask

DUE = date(2026, 11, 2)  # a Monday: the first e-mail falls due on Saturday 7 November
STAFF = Principal(subject="agent-1", role=Role.AGENT)


def paid(case) -> CasePaid:
    return CasePaid(case_id=case.case_id, creditor_id=case.creditor_id, paid_on=DUE)


# 3. A message sent after its case was closed


@pytest.mark.parametrize("batch", [1, 50], ids=["one-by-one", "batch"])
def test_an_email_whose_case_is_being_paid_is_withdrawn_and_nothing_follows_it(dunning, together, mail_server, batch):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    dunning.clock.set(at(date(2026, 11, 9)))
    assert together.prepare().prepared == 1
    email = SmtpEmail(mail_server.host, mail_server.port, "relances@recouvra.example", "Recouvra", 5.0)
    report = together.beside(
        lambda session: together.handle(session, paid(case), case.case_id),
        lambda: send_prepared(
            engine=dunning.engine,
            clock=dunning.clock,
            channels={Channel.EMAIL: email},
            outgoing_for=outgoing_builder(dunning.facts.settings),
            limit=10,
            batch=batch,
        ),
    )
    assert report == SendReport(cancelled=1)
    assert [m for m in mail_server.messages() if case.reference in m["Subject"]] == []
    assert [(s.code, s.status) for s in together.steps_of(case.case_id)] == [("email-1", "cancelled")]
    assert dunning.outbox("recouvra.dunning.message.sent.v1") == []


# 4. The promise and plan jobs beside the consumer


def test_a_promise_broken_as_the_case_is_paid_leaves_the_case_closed(dunning, together):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    promised = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/promises",
        json={"amount": "600.00", "due_on": "2026-11-20"},
        headers=dunning.headers(),
    )
    assert promised.status_code == 201, promised.text
    dunning.clock.set(at(date(2026, 11, 23)))  # 20 November and the two days of grace passed, nothing paid

    def break_promises() -> int:
        return break_overdue_promises(engine=dunning.engine, clock=dunning.clock, grace_days=2)

    broken = together.beside(lambda session: together.handle(session, paid(case), case.case_id), break_promises)
    assert together.case_status(case.case_id) == "closed"
    assert broken == 0  # the case was the consumer's: the promise waits for the next pass
    assert break_promises() == 1
    assert together.case_status(case.case_id) == "closed"


def test_an_instalment_paid_as_the_plan_job_runs_does_not_breach_the_plan(dunning, together):
    creditor_id = uuid.uuid4()
    dunning.register_creditor(creditor_id)
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE, creditor_id=creditor_id)
    instalments = [{"due_on": "2026-11-15", "amount": "600.00"}, {"due_on": "2026-12-15", "amount": "600.00"}]
    agreed = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/plans", json={"instalments": instalments}, headers=dunning.headers()
    )
    assert agreed.status_code == 201, agreed.text
    dunning.clock.set(at(date(2026, 11, 21)))  # the first instalment's five days of grace are over
    payment = PaymentRecorded(
        payment_id=str(uuid.uuid4()),
        case_id=case.case_id,
        creditor_id=case.creditor_id,
        debtor_id=case.debtor.debtor_id,
        amount=Decimal("600.00"),
        currency="EUR",
        received_on=date(2026, 11, 19),
        origin="debtor_to_agency",
        reference="VIR-1",
    )

    def breach() -> int:
        return breach_missed_plans(engine=dunning.engine, clock=dunning.clock)

    together.beside(lambda session: together.handle(session, payment, case.case_id), breach)
    assert breach() == 0  # at the next pass too: the instalment is paid
    with Session(dunning.engine) as session:
        [plan] = session.exec(select(PaymentPlan).where(PaymentPlan.case_id == uuid.UUID(case.case_id))).all()
        assert plan.status == "agreed"
    assert together.case_status(case.case_id) == "plan"


# 5. A call outcome recorded as the case is closed


def the_call_task(together, case) -> PhoneTask:
    assert together.prepare().prepared == 1
    [task] = together.tasks_of(case)
    return task


def outcome_of(dunning, task_id: uuid.UUID) -> str | None:
    with Session(dunning.engine) as session:
        task = session.get(PhoneTask, task_id)
        assert task is not None
        return task.outcome


def test_a_call_outcome_recorded_as_the_case_is_paid_is_kept(dunning, together):
    case = together.case_with_a_call_due()
    task = the_call_task(together, case)
    together.beside(
        lambda session: record_call_outcome(
            session=session,
            task_id=task.id,
            outcome_in=CallOutcomeIn(outcome="reached", note="paiement annoncé"),
            principal=STAFF,
            clock=dunning.clock,
        ),
        lambda: dunning.apply(paid(case), subject=case.case_id),
    )
    assert outcome_of(dunning, task.id) == "reached"
    assert together.case_status(case.case_id) == "closed"


class HeldClock:
    """The test's clock, its first reading held until `release` is set."""

    def __init__(self, clock) -> None:
        self.clock, self.inside, self.release = clock, threading.Event(), threading.Event()

    def now(self) -> datetime:
        if not self.inside.is_set():
            self.inside.set()
            assert self.release.wait(30)
        return self.clock.now()


def test_a_dispute_heard_on_the_phone_as_the_case_is_paid_is_recorded_without_a_deadlock(dunning, together):
    """The agent's request reads the clock once it holds the task: the case is paid then, and the request goes on
    to open the dispute. With the task taken before the case, each transaction waited for the other."""
    case = together.case_with_a_call_due()
    task = the_call_task(together, case)
    held = HeldClock(dunning.clock)

    def record() -> None:
        with Session(dunning.engine) as session, session.begin():
            outcome = CallOutcomeIn(outcome="dispute", dispute_reason="Facture déjà réglée par chèque")
            record_call_outcome(session=session, task_id=task.id, outcome_in=outcome, principal=STAFF, clock=held)

    agent = together.aside(record)
    try:
        assert held.inside.wait(30)
        consumer = together.aside(lambda: dunning.apply(paid(case), subject=case.case_id))
        consumer.waiting_or_done(dunning.engine)
    finally:
        held.release.set()
    agent.result()
    consumer.result()
    assert outcome_of(dunning, task.id) == "dispute"
    assert together.case_status(case.case_id) == "closed"
