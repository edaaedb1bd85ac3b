"""The deadlines of a procedure, computed from the dates staff record, as art. 640 to 642 CPC count them
(docs/rules.md §5.9): serving a payment order within six months of its date (art. 1411 CPC), the debtor's
one-month opposition from service (art. 1416 CPC), the debtor's month to answer a small-claims invitation
(L125-1 CPCE, docs/rules.md §5.5)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from shared.business_calendar import Deadline, procedural_deadline

from legal.domain.states import CLOSED, FILED, GRANTED, OPPOSED, REJECTED, SERVED, VOID

SERVICE, OPPOSITION, DEBTOR_ANSWER = "service", "opposition", "debtor_answer"
OPEN, MET, PASSED = "open", "met", "passed"


def service_deadline(granted_on: date) -> Deadline:
    return _said(
        procedural_deadline(granted_on, months=6),
        "serve the order within 6 months of its date (art. 1411 CPC)",
        "signifier l'ordonnance dans les 6 mois de sa date (art. 1411 CPC)",
    )


def opposition_deadline(served_on: date) -> Deadline:
    return _said(
        procedural_deadline(served_on, months=1),
        "opposition within 1 month of service (art. 1416 CPC)",
        "opposition dans le mois de la signification (art. 1416 CPC)",
    )


def answer_deadline(filed_on: date) -> Deadline:
    return _said(
        procedural_deadline(filed_on, months=1),
        "the debtor answers the invitation within 1 month (L125-1 CPCE)",
        "le débiteur répond à l'invitation dans le mois (L125-1 CPCE)",
    )


def _said(deadline: Deadline, what: str, what_fr: str) -> Deadline:
    return Deadline(deadline.due_on, f"{what}: {deadline.rule}", f"{what_fr} : {deadline.rule_fr}")


@dataclass(frozen=True)
class DeadlineStatus:
    kind: str
    due_on: date
    rule: str
    status: str
    """`open` (running), `met` (the awaited act happened in time), `passed` (the day went by without it)"""
    rule_fr: str


def procedure_deadlines(
    *, small_claims: bool, state: str, dates: Mapping[str, date], today: date
) -> list[DeadlineStatus]:
    """Every deadline the recorded dates set, oldest first, with where it stands today."""
    found: list[DeadlineStatus] = []
    filed, granted, served = dates.get(FILED), dates.get(GRANTED), dates.get(SERVED)
    if small_claims and filed is not None:
        answer = answer_deadline(filed)
        answered = GRANTED in dates or REJECTED in dates
        found.append(_with_status(DEBTOR_ANSWER, answer, met=answered, today=today))
    if not small_claims and granted is not None:
        service = service_deadline(granted)
        found.append(_with_status(SERVICE, service, met=served is not None, today=today, lapsed=state == VOID))
    if not small_claims and served is not None:
        found.append(_with_status(OPPOSITION, opposition_deadline(served), met=OPPOSED in dates, today=today))
    return found


def _with_status(kind: str, deadline: Deadline, *, met: bool, today: date, lapsed: bool = False) -> DeadlineStatus:
    status = MET if met else PASSED if lapsed or today > deadline.due_on else OPEN
    return DeadlineStatus(kind, deadline.due_on, deadline.rule, status, deadline.rule_fr)


def open_deadlines(statuses: list[DeadlineStatus], *, state: str) -> list[DeadlineStatus]:
    """The deadlines someone still has to act on: running ones of a procedure that is still alive."""
    if state in (CLOSED, VOID, REJECTED):
        return []
    return [d for d in statuses if d.status == OPEN]
