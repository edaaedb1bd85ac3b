"""Dunning's workers, its consumer and staff requests on the same debtor or case at the same moment (production runs
four workers, each with the consumer and the scheduler, beside the staff API; PostgreSQL in READ COMMITTED). Each
test holds one side in an open transaction and runs the other on a thread of its own, until PostgreSQL shows it
waiting for a lock or it has finished; then the first commits, and the outcome is the one a single worker gives."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Generic, TypeVar

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, col, select

from shared.auth import Principal, Role
from shared.clock import PARIS
from shared.events.base import Event
from shared.events.envelope import CloudEvent
from shared.events.intake import CasePaid, PaymentRecorded

from dunning.cases.composing import Slot
from dunning.cases.models import DunningCase
from dunning.channels.email import SmtpEmail
from dunning.domain.context import MessageContext
from dunning.domain.scenarios import Channel
from dunning.handlers import HANDLERS
from dunning.main import contact_rules
from dunning.messages.models import Message
from dunning.messages.outgoing import outgoing_builder
from dunning.outbound.preparing import PrepareReport, prepare_due_steps
from dunning.outbound.sending import SendReport, send_prepared
from dunning.responses.deadlines import breach_missed_plans, break_overdue_promises
from dunning.responses.models import PaymentPlan
from dunning.responses.responses import open_dispute, record_call_outcome
from dunning.responses.schemas import CallOutcomeIn, DisputeIn
from dunning.steps.due import claim
from dunning.steps.models import DunningStep, PhoneTask

DUE = date(2026, 11, 2)  # a Monday: the first e-mail falls due on Saturday 7 November
T = TypeVar("T")
STAFF = Principal(subject="agent-1", role=Role.AGENT)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS).astimezone(UTC)


def waiting_for_a_lock(engine: Engine) -> bool:
    with engine.connect() as connection:
        waiting = connection.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
        ).scalar_one()
    return bool(waiting)


class Aside(Generic[T]):
    """`work` run on a thread of its own, in its own transactions."""

    def __init__(self, work: Callable[[], T]) -> None:
        self.results: list[T] = []
        self.failures: list[BaseException] = []
        self.thread = threading.Thread(target=self._run, args=(work,), daemon=True)
        self.thread.start()

    def _run(self, work: Callable[[], T]) -> None:
        try:
            self.results.append(work())
        except BaseException as exc:  # handed to the test's thread by `result`
            self.failures.append(exc)

    def waiting_or_done(self, engine: Engine) -> None:
        """Returns once the work has finished or PostgreSQL shows a transaction waiting for a lock (10 s at most)."""
        for _ in range(2000):
            if not self.thread.is_alive() or waiting_for_a_lock(engine):
                return
            self.thread.join(timeout=0.005)
        raise AssertionError("the work neither finished nor waited for a lock")

    def result(self) -> T:
        self.thread.join(timeout=30)
        assert not self.thread.is_alive(), "the work never finished"
        if self.failures:
            raise self.failures[0]
        return self.results[0]


def beside(
    engine: Engine,
    first: Callable[[Session], object],
    second: Callable[[], T],
    then: Callable[[Session], object] = lambda session: None,
) -> T:
    """`first` in an open transaction; `second` aside until it waits for a lock or has finished; then `then` in the
    first transaction, which commits, and `second`'s result once it has finished too."""
    with Session(engine, expire_on_commit=False) as session:
        with session.begin():
            first(session)
            aside = Aside(second)
            aside.waiting_or_done(engine)
            then(session)
        return aside.result()


def handle(dunning, session: Session, event: Event, subject: str) -> None:
    """`event` applied in `session`'s transaction, as the consumer applies it."""
    envelope = CloudEvent.wrap(event, subject=subject, tenant=None, time=dunning.clock.now())
    HANDLERS[type(event)](session=session, event=event, envelope=envelope, clock=dunning.clock)


def messages_to(dunning, debtor_id: uuid.UUID) -> list[Message]:
    with Session(dunning.engine, expire_on_commit=False) as session:
        return list(session.exec(select(Message).where(Message.debtor_id == debtor_id)).all())


def steps_of(dunning, case_id: str) -> list[DunningStep]:
    with Session(dunning.engine, expire_on_commit=False) as session:
        query = select(DunningStep).where(DunningStep.case_id == uuid.UUID(case_id))
        return list(session.exec(query.order_by(col(DunningStep.position))).all())


def case_status(dunning, case_id: str) -> str:
    with Session(dunning.engine) as session:
        case = session.get(DunningCase, uuid.UUID(case_id))
        assert case is not None
        return case.status


def prepare(dunning, *, cap: int = 3, facts=None, batch: int = 200) -> PrepareReport:
    """One worker's preparing pass, with a weekly contact cap of `cap` per debtor."""
    rules = replace(contact_rules(dunning.facts.settings), cap_per_week=cap)
    return prepare_due_steps(
        engine=dunning.engine, clock=dunning.clock, facts=facts or dunning.facts, rules=rules, batch=batch
    )


def tasks_of(dunning, case) -> list[PhoneTask]:
    with Session(dunning.engine, expire_on_commit=False) as session:
        return list(session.exec(select(PhoneTask).where(PhoneTask.case_id == uuid.UUID(case.case_id))).all())


def paid(case) -> CasePaid:
    return CasePaid(case_id=case.case_id, creditor_id=case.creditor_id, paid_on=DUE)


def case_with_a_call_due(dunning):
    """A case whose first e-mail went out on Monday 9 November and whose call falls due the next morning."""
    steps = [
        {"code": "email-1", "channel": "email", "template": "email-courteous", "offset_days": 5},
        {"code": "call-1", "channel": "phone", "template": "phone-script", "offset_days": 1, "anchor": "previous"},
    ]
    saved = dunning.client.put(
        "/api/v1/dunning/scenarios/call-next-day",
        json={"name": "Un e-mail, puis un appel", "steps": steps},
        headers=dunning.headers("supervisor"),
    )
    assert saved.status_code == 200, saved.text
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE, scenario="call-next-day")
    dunning.clock.set(at(date(2026, 11, 9)))
    assert dunning.run()["sent"].sent == 1
    dunning.clock.set(at(date(2026, 11, 10), 10, 30))  # Tuesday, within the call hours
    return case


class HeldFacts:
    """The figures of `facts`, the first read held until `release` is set: the preparing transaction that makes it
    stays open, its step and debtor taken, while the test runs another worker's pass."""

    def __init__(self, facts) -> None:
        self.facts, self.inside, self.release = facts, threading.Event(), threading.Event()

    def context_for(self, case: DunningCase, slot: Slot) -> MessageContext:
        if not self.inside.is_set():
            self.inside.set()
            assert self.release.wait(30)
        return self.facts.context_for(case, slot)


# 1. The weekly contact cap per debtor


def one_debtor_two_cases_due(dunning) -> uuid.UUID:
    debtor_id = uuid.uuid4()
    dunning.clock.set(at(DUE, 8))
    for _ in range(2):
        dunning.validate_case(due=DUE, debtor_id=debtor_id)
    dunning.clock.set(at(date(2026, 11, 9)))
    return debtor_id


def test_two_cases_of_a_debtor_due_together_get_one_message_when_the_cap_allows_one(dunning):
    debtor_id = one_debtor_two_cases_due(dunning)
    report = prepare(dunning, cap=1)
    assert (report.prepared, report.deferred) == (1, 1), report
    assert [m.status for m in messages_to(dunning, debtor_id)] == ["prepared"]


def test_a_worker_leaves_the_debtor_another_worker_is_preparing_for(dunning):
    """Each worker's transaction prepares one step (batch 1): the first holds its step open while the second runs
    a whole pass. Without the debtor taken, neither saw the other's message and both went out."""
    debtor_id = one_debtor_two_cases_due(dunning)
    held = HeldFacts(dunning.facts)
    first = Aside(lambda: prepare(dunning, cap=1, facts=held, batch=1))
    try:
        assert held.inside.wait(30)
        second = prepare(dunning, cap=1, batch=1)
    finally:
        held.release.set()
    assert (second.prepared, second.deferred) == (0, 1), second
    report = first.result()
    assert (report.prepared, report.deferred) == (1, 1), report  # its second step met the cap
    assert len(messages_to(dunning, debtor_id)) == 1


# 2. A case disputed or closed while the scheduler takes its step


def test_a_call_falling_due_on_a_case_being_disputed_is_not_put_in_the_queue(dunning):
    case = case_with_a_call_due(dunning)
    dispute = DisputeIn(reason="Marchandise jamais livrée")
    report = beside(
        dunning.engine,
        lambda session: open_dispute(
            session=session, case_id=uuid.UUID(case.case_id), dispute_in=dispute, principal=STAFF, clock=dunning.clock
        ),
        lambda: prepare(dunning),
    )
    assert report.prepared == 0, report
    assert case_status(dunning, case.case_id) == "dispute"
    assert [s.status for s in steps_of(dunning, case.case_id)] == ["done", "scheduled"]  # the call waits
    assert tasks_of(dunning, case) == []


def test_the_consumer_closing_a_case_waits_for_the_scheduler_that_took_its_step_instead_of_deadlocking(dunning):
    """The scheduler's transaction takes the step as `claim` does, then locks the case as preparing does, while the
    consumer applies CasePaid: with the step taken before the case, each waited for the other."""
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    dunning.clock.set(at(date(2026, 11, 9)))
    [step] = steps_of(dunning, case.case_id)

    def take(session: Session) -> None:
        assert len(session.exec(claim(ids=[step.id], now=dunning.clock.now())).all()) == 1

    beside(
        dunning.engine,
        take,
        lambda: dunning.apply(paid(case), subject=case.case_id),
        then=lambda session: session.get(DunningCase, step.case_id, with_for_update=True),
    )
    assert case_status(dunning, case.case_id) == "closed"
    assert [s.status for s in steps_of(dunning, case.case_id)] == ["cancelled"]


# 3. A message sent after its case was closed


@pytest.mark.parametrize("batch", [1, 50], ids=["one-by-one", "batch"])
def test_an_email_whose_case_is_being_paid_is_withdrawn_and_nothing_follows_it(dunning, mail_server, batch):
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    dunning.clock.set(at(date(2026, 11, 9)))
    assert prepare(dunning).prepared == 1
    email = SmtpEmail(mail_server.host, mail_server.port, "relances@recouvra.example", "Recouvra", 5.0)
    report = beside(
        dunning.engine,
        lambda session: handle(dunning, session, paid(case), case.case_id),
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
    assert [(s.code, s.status) for s in steps_of(dunning, case.case_id)] == [("email-1", "cancelled")]
    assert dunning.outbox("recouvra.dunning.message.sent.v1") == []


# 4. The promise and plan jobs beside the consumer


def test_a_promise_broken_as_the_case_is_paid_leaves_the_case_closed(dunning):
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

    broken = beside(dunning.engine, lambda session: handle(dunning, session, paid(case), case.case_id), break_promises)
    assert case_status(dunning, case.case_id) == "closed"
    assert broken == 0  # the case was the consumer's: the promise waits for the next pass
    assert break_promises() == 1
    assert case_status(dunning, case.case_id) == "closed"


def test_an_instalment_paid_as_the_plan_job_runs_does_not_breach_the_plan(dunning):
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

    beside(dunning.engine, lambda session: handle(dunning, session, payment, case.case_id), breach)
    assert breach() == 0  # at the next pass too: the instalment is paid
    with Session(dunning.engine) as session:
        [plan] = session.exec(select(PaymentPlan).where(PaymentPlan.case_id == uuid.UUID(case.case_id))).all()
        assert plan.status == "agreed"
    assert case_status(dunning, case.case_id) == "plan"


# 5. A call outcome recorded as the case is closed


def the_call_task(dunning, case) -> PhoneTask:
    assert prepare(dunning).prepared == 1
    [task] = tasks_of(dunning, case)
    return task


def outcome_of(dunning, task_id: uuid.UUID) -> str | None:
    with Session(dunning.engine) as session:
        task = session.get(PhoneTask, task_id)
        assert task is not None
        return task.outcome


def test_a_call_outcome_recorded_as_the_case_is_paid_is_kept(dunning):
    case = case_with_a_call_due(dunning)
    task = the_call_task(dunning, case)
    beside(
        dunning.engine,
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
    assert case_status(dunning, case.case_id) == "closed"


class HeldClock:
    """The test's clock, its first reading held until `release` is set."""

    def __init__(self, clock) -> None:
        self.clock, self.inside, self.release = clock, threading.Event(), threading.Event()

    def now(self) -> datetime:
        if not self.inside.is_set():
            self.inside.set()
            assert self.release.wait(30)
        return self.clock.now()


def test_a_dispute_heard_on_the_phone_as_the_case_is_paid_is_recorded_without_a_deadlock(dunning):
    """The agent's request reads the clock once it holds the task: the case is paid then, and the request goes on
    to open the dispute. With the task taken before the case, each transaction waited for the other."""
    case = case_with_a_call_due(dunning)
    task = the_call_task(dunning, case)
    held = HeldClock(dunning.clock)

    def record() -> None:
        with Session(dunning.engine) as session, session.begin():
            outcome = CallOutcomeIn(outcome="dispute", dispute_reason="Facture déjà réglée par chèque")
            record_call_outcome(session=session, task_id=task.id, outcome_in=outcome, principal=STAFF, clock=held)

    agent = Aside(record)
    try:
        assert held.inside.wait(30)
        consumer = Aside(lambda: dunning.apply(paid(case), subject=case.case_id))
        consumer.waiting_or_done(dunning.engine)
    finally:
        held.release.set()
    agent.result()
    consumer.result()
    assert outcome_of(dunning, task.id) == "dispute"
    assert case_status(dunning, case.case_id) == "closed"
