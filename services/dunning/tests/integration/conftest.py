"""Dunning's workers, its consumer and staff requests on the same debtor or case at the same moment (production runs
four workers, each with the consumer and the scheduler, beside the staff API; PostgreSQL in READ COMMITTED): the
`together` fixture holds one side in an open transaction and runs the other on a thread of its own, until
PostgreSQL shows it waiting for a lock or it has finished; then the first commits."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

import pytest
from sqlmodel import Session, col, select

from shared.events.base import Event
from shared.events.envelope import CloudEvent
from workbench.testing.interleaving import Aside, beside
from workbench.testing.moments import at

from dunning.cases.models import DunningCase
from dunning.handlers import HANDLERS
from dunning.main import contact_rules
from dunning.messages.models import Message
from dunning.outbound.preparing import PrepareReport, prepare_due_steps
from dunning.steps.models import DunningStep, PhoneTask

T = TypeVar("T")


class Together:
    """The interleavings, and what the tests read of dunning's rows, on the test's dunning."""

    def __init__(self, dunning: Any) -> None:
        self.dunning = dunning

    def aside(self, work: Callable[[], T]) -> Aside[T]:
        return Aside(work)

    def beside(
        self,
        first: Callable[[Session], object],
        second: Callable[[], T],
        then: Callable[[Session], object] | None = None,
    ) -> T:
        """`first` in an open transaction; `second` aside until it waits for a lock or has finished; then `then` in
        the first transaction, which commits, and `second`'s result once it has finished too."""
        return beside(self.dunning.engine, first, second, then=then)

    def handle(self, session: Session, event: Event, subject: str) -> None:
        """`event` applied in `session`'s transaction, as the consumer applies it."""
        envelope = CloudEvent.wrap(event, subject=subject, tenant=None, time=self.dunning.clock.now())
        HANDLERS[type(event)](session=session, event=event, envelope=envelope, clock=self.dunning.clock)

    def prepare(self, *, cap: int = 3, facts: Any = None, batch: int = 200) -> PrepareReport:
        """One worker's preparing pass, with a weekly contact cap of `cap` per debtor."""
        rules = replace(contact_rules(self.dunning.facts.settings), cap_per_week=cap)
        return prepare_due_steps(
            engine=self.dunning.engine,
            clock=self.dunning.clock,
            facts=facts or self.dunning.facts,
            rules=rules,
            batch=batch,
        )

    def messages_to(self, debtor_id: uuid.UUID) -> list[Message]:
        with Session(self.dunning.engine, expire_on_commit=False) as session:
            return list(session.exec(select(Message).where(Message.debtor_id == debtor_id)).all())

    def steps_of(self, case_id: str) -> list[DunningStep]:
        with Session(self.dunning.engine, expire_on_commit=False) as session:
            query = select(DunningStep).where(DunningStep.case_id == uuid.UUID(case_id))
            return list(session.exec(query.order_by(col(DunningStep.position))).all())

    def case_status(self, case_id: str) -> str:
        with Session(self.dunning.engine) as session:
            case = session.get(DunningCase, uuid.UUID(case_id))
            assert case is not None
            return case.status

    def tasks_of(self, case: Any) -> list[PhoneTask]:
        with Session(self.dunning.engine, expire_on_commit=False) as session:
            return list(session.exec(select(PhoneTask).where(PhoneTask.case_id == uuid.UUID(case.case_id))).all())

    def case_with_a_call_due(self) -> Any:
        """A case whose first e-mail went out on Monday 9 November 2026 and whose call falls due the next morning."""
        dunning = self.dunning
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
        due = date(2026, 11, 2)
        dunning.clock.set(at(due, 8))
        case = dunning.validate_case(due=due, scenario="call-next-day")
        dunning.clock.set(at(date(2026, 11, 9)))
        assert dunning.run()["sent"].sent == 1
        dunning.clock.set(at(date(2026, 11, 10), 10, 30))  # Tuesday, within the call hours
        return case


@pytest.fixture
def together(dunning: Any) -> Together:
    return Together(dunning)
