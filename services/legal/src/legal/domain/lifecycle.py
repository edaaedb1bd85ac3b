"""A procedure's states and the steps staff record (docs/rules.md §5.4, §5.5).

Payment order: the request is prepared (`opened`), filed with the registry (`filed`), the judge grants or
rejects it (`granted`, `rejected`); the order is served by a commissaire de justice within six months of its
date, or it is void (`void`, art. 1411 CPC); service opens the debtor's one-month opposition period (art. 1416);
once it ran out without an opposition the order is an enforceable title (`enforceable`, art. 1422), which a
bailiff enforces (`enforcement`). An opposition (`opposed`) turns it into ordinary proceedings, whose judgment is
again `enforceable`. Small claims: the commissaire's invitation (`filed`), the debtor agrees (`granted`, the
commissaire issues the title) or refuses (`rejected`). Any procedure can be `closed`, once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from legal.domain.courts import ProcedureKind
from legal.domain.deadlines import opposition_deadline, service_deadline
from legal.domain.refusals import RuleBroken
from legal.domain.states import (
    CLOSED,
    ENFORCEABLE,
    ENFORCEMENT,
    FILED,
    GRANTED,
    OPENED,
    OPPOSED,
    REJECTED,
    SERVED,
    STATE_FR,
    STEPS,
    VOID,
)

NEXT: dict[ProcedureKind, dict[str, frozenset[str]]] = {
    ProcedureKind.PAYMENT_ORDER: {
        OPENED: frozenset({FILED}),
        FILED: frozenset({GRANTED, REJECTED}),
        GRANTED: frozenset({SERVED, VOID}),
        SERVED: frozenset({OPPOSED, ENFORCEABLE}),
        OPPOSED: frozenset({ENFORCEABLE}),
        ENFORCEABLE: frozenset({ENFORCEMENT}),
    },
    ProcedureKind.SMALL_CLAIMS: {
        OPENED: frozenset({FILED}),
        FILED: frozenset({GRANTED, REJECTED}),
        GRANTED: frozenset({ENFORCEABLE, ENFORCEMENT}),
        ENFORCEABLE: frozenset({ENFORCEMENT}),
    },
}


def next_steps(kind: ProcedureKind, state: str) -> tuple[str, ...]:
    """The steps staff may record next, in the lifecycle's order: those `check_step` lets follow `state` (`void`
    is the platform's, from the calendar, never a step staff record)."""
    following = NEXT[kind].get(state, frozenset())
    return tuple(step for step in STEPS if step in following or (step == CLOSED and state != CLOSED))


def check_step(kind: ProcedureKind, state: str, step: str) -> None:
    """Whether `step` may follow `state`; the refusal names what may."""
    if step == CLOSED and state != CLOSED:
        return
    following = NEXT[kind].get(state, frozenset())
    if step in following:
        return
    possible = sorted(following - {VOID}) + ([CLOSED] if state != CLOSED else [])
    en = ", ".join(possible) or "none: the procedure is closed"
    fr = ", ".join(f"« {STATE_FR[s]} » ({s})" for s in possible) or "aucune : la procédure est close"
    raise RuleBroken(
        f"a procedure that is {state} cannot become {step} (possible next steps: {en})",
        f"une procédure à l'état « {STATE_FR.get(state, state)} » ne peut pas passer à l'état "
        f"« {STATE_FR.get(step, step)} » (étapes suivantes possibles : {fr})",
        field="type",
        conflict=True,
    )


@dataclass(frozen=True)
class ProcedureFacts:
    kind: ProcedureKind
    state: str
    dates: Mapping[str, date]
    """the day each state was reached: `opened`, `filed`, `granted`, `served` ..."""

    @property
    def last_date(self) -> date | None:
        return max(self.dates.values(), default=None)


def check_dates(facts: ProcedureFacts, step: str, on: date, *, today: date) -> None:
    """A step's date: not in the future, not before the step it follows; served only within the service deadline
    (art. 1411 CPC), enforceable only once the opposition period ran out (art. 1416 and 1422 CPC)."""
    if on > today:
        raise RuleBroken(
            f"occurred_on: {on} is after today ({today}); record a step once it happened",
            f"occurred_on : le {on:%d/%m/%Y} est postérieur à aujourd'hui ({today:%d/%m/%Y}) ; "
            "enregistrez une étape une fois qu'elle a eu lieu",
            field="occurred_on",
        )
    last = facts.last_date
    if last is not None and on < last:
        raise RuleBroken(
            f"occurred_on: {on} is before the procedure's previous step ({last})",
            f"occurred_on : le {on:%d/%m/%Y} précède l'étape précédente de la procédure ({last:%d/%m/%Y})",
            field="occurred_on",
        )
    granted = facts.dates.get(GRANTED)
    if step == SERVED and granted is not None:
        deadline = service_deadline(granted)
        if on > deadline.due_on:
            raise RuleBroken(
                f"the order of {granted} is void: it had to be served by {deadline.due_on} (art. 1411 CPC)",
                f"l'ordonnance du {granted:%d/%m/%Y} est non avenue : elle devait être signifiée au plus tard le "
                f"{deadline.due_on:%d/%m/%Y} (art. 1411 CPC)",
                field="occurred_on",
                conflict=True,
            )
    served = facts.dates.get(SERVED)
    if step == ENFORCEABLE and facts.state == SERVED and served is not None:
        deadline = opposition_deadline(served)
        if on <= deadline.due_on:
            raise RuleBroken(
                f"the order becomes enforceable once the opposition period ends on {deadline.due_on} "
                "(art. 1416 and 1422 CPC)",
                f"l'ordonnance ne devient exécutoire qu'à l'expiration du délai d'opposition, le "
                f"{deadline.due_on:%d/%m/%Y} (art. 1416 et 1422 CPC)",
                field="occurred_on",
                conflict=True,
            )
