"""Finding the steps that fell due, apart from taking them.

The scheduler walks the scheduled steps that fell due in `(due_at, id)` order with a keyset cursor: a read that
locks and writes nothing, served by the partial index `ix_dunning_steps_due` alone (`bench/dunning.py` times it
over a million steps). It is plain SQL on the driver's cursor (`shared.plain_reads`): through an ORM select, the
row objects of a million keys cost as much again as reading them. The walk does not look at the cases: joining
each step to its case costs an index lookup per step (with it, the walk took 3.3 times the bare scan,
docs/benchmarks.md); the claim below checks the case, for the 200 steps of a transaction. A paused case's due
steps are walked and left where they are, pass after pass, at the price of an index read.

Taking a step happens in the transaction that prepares it, which writes the step anyway (its message, its status
`sending`): `claim` locks the batch's rows, skips those another process holds, and keeps only the steps that are
still scheduled, still due and of a case still active, so two schedulers never prepare the same step and a step
changed since it was read is left to the next pass.

It locks each step's case with it. PostgreSQL then checks the case's status on the version it locked, so a case
disputed or closed while the claim ran is not prepared for (locked, the case no longer changes until the commit);
and the consumer and staff, who lock a case before its steps (`plans.stop_case`), never wait for a scheduler that
waits for them: the scheduler used to lock the step, then the case, and deadlocked with a CasePaid."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from shared.plain_reads import plain_rows

from dunning.cases.models import DunningCase
from dunning.steps.models import DunningStep


@dataclass(frozen=True)
class DueKey:
    """Where a due step sits in the walk: the cursor of the next read starts after it."""

    due_at: datetime
    id: uuid.UUID


# The partial index's own predicate (status = 'scheduled'), so that the planner reads the index alone.
_WALK = (
    "SELECT id, due_at FROM dunning_steps WHERE status = 'scheduled' AND due_at <= %(now)s{after} "
    "ORDER BY due_at, id LIMIT %(batch)s"
)
_FIRST = _WALK.format(after="")
_NEXT = _WALK.format(after=" AND (due_at, id) > (%(due_at)s, %(id)s)")


def due_keys(session: Session, *, now: datetime, after: DueKey | None, batch: int) -> list[DueKey]:
    """The next `batch` scheduled steps due after `after`, earliest first (keys only, no lock; of any case: `claim`
    keeps those of active cases)."""
    if after is None:
        rows = plain_rows(session, _FIRST, {"now": now, "batch": batch})
    else:
        rows = plain_rows(session, _NEXT, {"now": now, "batch": batch, "due_at": after.due_at, "id": after.id})
    return [DueKey(due_at=due_at, id=step_id) for step_id, due_at in rows]


def claim(*, ids: Sequence[uuid.UUID], now: datetime) -> SelectOfScalar[DunningStep]:
    """The steps of `ids` this transaction may prepare: locked with their cases, those whose step or case another
    transaction holds skipped, and only those still scheduled, due and of an active case."""
    return (
        select(DunningStep)
        .join(DunningCase, col(DunningCase.case_id) == col(DunningStep.case_id))
        .where(col(DunningStep.id).in_(ids), DunningStep.status == "scheduled", DunningStep.due_at <= now)
        .where(DunningCase.status == "active")
        .order_by(col(DunningStep.due_at), col(DunningStep.id))
        .with_for_update(of=(DunningStep, DunningCase), skip_locked=True)
    )
