"""Dunning's scheduler beside another worker, the consumer or staff, on one debtor or case (`together`, in this
folder's conftest): one debtor's steps prepared one transaction at a time under the weekly cap, and a step claimed
with its case."""

from __future__ import annotations

import threading
import uuid
from datetime import date

from sqlmodel import Session

from shared.auth import Principal, Role
from shared.events.intake import CasePaid
from workbench.testing.moments import at

from dunning.cases.composing import Slot
from dunning.cases.models import DunningCase
from dunning.domain.context import MessageContext
from dunning.responses.responses import open_dispute
from dunning.responses.schemas import DisputeIn
from dunning.steps.due import claim

DUE = date(2026, 11, 2)  # a Monday: the first e-mail falls due on Saturday 7 November
STAFF = Principal(subject="agent-1", role=Role.AGENT)


def paid(case) -> CasePaid:
    return CasePaid(case_id=case.case_id, creditor_id=case.creditor_id, paid_on=DUE)


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


def test_two_cases_of_a_debtor_due_together_get_one_message_when_the_cap_allows_one(dunning, together):
    debtor_id = one_debtor_two_cases_due(dunning)
    report = together.prepare(cap=1)
    assert (report.prepared, report.deferred) == (1, 1), report
    assert [m.status for m in together.messages_to(debtor_id)] == ["prepared"]


def test_a_worker_leaves_the_debtor_another_worker_is_preparing_for(dunning, together):
    """Each worker's transaction prepares one step (batch 1): the first holds its step open while the second runs
    a whole pass. Without the debtor taken, neither saw the other's message and both went out."""
    debtor_id = one_debtor_two_cases_due(dunning)
    held = HeldFacts(dunning.facts)
    first = together.aside(lambda: together.prepare(cap=1, facts=held, batch=1))
    try:
        assert held.inside.wait(30)
        second = together.prepare(cap=1, batch=1)
    finally:
        held.release.set()
    assert (second.prepared, second.deferred) == (0, 1), second
    report = first.result()
    assert (report.prepared, report.deferred) == (1, 1), report  # its second step met the cap
    assert len(together.messages_to(debtor_id)) == 1


# 2. A case disputed or closed while the scheduler takes its step


def test_a_call_falling_due_on_a_case_being_disputed_is_not_put_in_the_queue(dunning, together):
    case = together.case_with_a_call_due()
    dispute = DisputeIn(reason="Marchandise jamais livrée")
    report = together.beside(
        lambda session: open_dispute(
            session=session, case_id=uuid.UUID(case.case_id), dispute_in=dispute, principal=STAFF, clock=dunning.clock
        ),
        lambda: together.prepare(),
    )
    assert report.prepared == 0, report
    assert together.case_status(case.case_id) == "dispute"
    assert [s.status for s in together.steps_of(case.case_id)] == ["done", "scheduled"]  # the call waits
    assert together.tasks_of(case) == []


def test_the_consumer_closing_a_case_waits_for_the_scheduler_that_took_its_step_instead_of_deadlocking(
    dunning, together
):
    """The scheduler's transaction takes the step as `claim` does, then locks the case as preparing does, while the
    consumer applies CasePaid: with the step taken before the case, each waited for the other."""
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE)
    dunning.clock.set(at(date(2026, 11, 9)))
    [step] = together.steps_of(case.case_id)

    def take(session: Session) -> None:
        assert len(session.exec(claim(ids=[step.id], now=dunning.clock.now())).all()) == 1

    together.beside(
        take,
        lambda: dunning.apply(paid(case), subject=case.case_id),
        then=lambda session: session.get(DunningCase, step.case_id, with_for_update=True),
    )
    assert together.case_status(case.case_id) == "closed"
    assert [s.status for s in together.steps_of(case.case_id)] == ["cancelled"]
