"""A run of validations applied together (`on_cases_validated`, issue 17's pipeline) starts the same cases with the
same first steps as `on_case_validated` applying them one after the other, on real PostgreSQL: a case already
started and a case validated twice in the run included."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from shared.consumer_runs import RunEvent
from shared.events.envelope import CloudEvent
from workbench.testing.runs import both_ways

from dunning.handlers import on_case_validated, on_cases_validated


def dump(session: Session) -> dict[str, list[Any]]:
    cases = session.execute(text("SELECT * FROM dunning_cases ORDER BY case_id")).all()
    steps = session.execute(
        text("SELECT case_id, position, code, channel, template, due_at, status FROM dunning_steps ORDER BY case_id")
    ).all()
    return {"cases": [tuple(row) for row in cases], "steps": [tuple(row) for row in steps]}


def test_a_run_of_validations_together_starts_what_one_after_the_other_starts(dunning) -> None:
    started = dunning.validate_case(due=date(2026, 11, 20))

    def another(**changes: Any) -> Any:
        return started.model_copy(update={"case_id": str(uuid.uuid4()), **changes})

    paid_invoice = started.invoices[0].model_copy(
        update={"invoice_id": str(uuid.uuid4()), "outstanding": Decimal("0"), "due_date": date(2026, 10, 1)}
    )
    twice = another(reference="TWICE")
    run = [
        another(reference="LATE", invoices=[started.invoices[0].model_copy(update={"due_date": date(2026, 9, 1)})]),
        started,  # already started: nothing changes
        twice,
        another(kind="b2c", reference="CONSUMER"),
        another(reference="PART-PAID", invoices=[paid_invoice, started.invoices[0]]),
        twice,
        another(reference="FUTURE", invoices=[started.invoices[0].model_copy(update={"due_date": date(2027, 2, 1)})]),
        another(scenario="no-such-scenario", reference="DEFAULTED"),
    ]
    items = [
        RunEvent(event, CloudEvent.wrap(event, subject=event.case_id, tenant=None, time=dunning.clock.now()), None)
        for event in run
    ]
    one_by_one, together = both_ways(
        dunning.engine, items, handler=on_case_validated, run_handler=on_cases_validated, clock=dunning.clock, read=dump
    )
    assert together == one_by_one
    assert len(one_by_one["cases"]) == 7 and len(one_by_one["steps"]) == 7  # six new cases and the one before
    due = {row[0]: row[5] for row in one_by_one["steps"]}
    assert len(set(due.values())) > 2  # steps due now (a late case) and later (a case due in the future)
