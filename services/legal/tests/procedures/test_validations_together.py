"""A run of validations applied together (`on_cases_validated`, issue 17's pipeline) leaves legal's cases and
insolvency claims as `on_case_validated` applying them one after the other does, on real PostgreSQL: a case legal
knows already, a case validated twice in the run and a debtor under insolvency proceedings included."""

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

from legal.handlers import on_case_validated, on_cases_validated


def dump(session: Session) -> dict[str, list[Any]]:
    cases = session.execute(text("SELECT * FROM legal_cases ORDER BY case_id")).all()
    claims = session.execute(text("SELECT case_id, status FROM legal_insolvency_claims ORDER BY case_id")).all()
    return {"cases": [tuple(row) for row in cases], "claims": [tuple(row) for row in claims]}


def test_a_run_of_validations_together_records_what_one_after_the_other_records(legal) -> None:
    known = legal.validate_case()
    paid = known.invoices[0].model_copy(
        update={"invoice_id": str(uuid.uuid4()), "outstanding": Decimal("0"), "due_date": date(2026, 1, 5)}
    )
    twice = known.model_copy(update={"case_id": str(uuid.uuid4()), "reference": "TWICE"})
    run = [
        known.model_copy(update={"status": "amicable_phone", "reference": "RENAMED"}),
        twice,
        known.model_copy(update={"case_id": str(uuid.uuid4()), "kind": "b2c", "reference": "CONSUMER"}),
        known.model_copy(
            update={
                "case_id": str(uuid.uuid4()),
                "debtor": known.debtor.model_copy(update={"insolvency": True}),
                "reference": "INSOLVENT",
            }
        ),
        twice.model_copy(update={"status": "claim_declaration"}),
        known.model_copy(
            update={"case_id": str(uuid.uuid4()), "invoices": [paid, *known.invoices], "reference": "PART"}
        ),
    ]
    items = [
        RunEvent(event, CloudEvent.wrap(event, subject=event.case_id, tenant=None, time=legal.clock.now()), None)
        for event in run
    ]
    one_by_one, together = both_ways(
        legal.engine, items, handler=on_case_validated, run_handler=on_cases_validated, clock=legal.clock, read=dump
    )
    assert together == one_by_one
    assert len(one_by_one["cases"]) == 5 and len(one_by_one["claims"]) == 2  # the insolvent two declare a claim
