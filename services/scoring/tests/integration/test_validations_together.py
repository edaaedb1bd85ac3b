"""A run of validations applied together (`on_cases_validated`, issue 17's pipeline) leaves scoring's projection,
scores and outbox exactly as `on_case_validated` applying them one after the other does, on real PostgreSQL.

The run mixes what the set-based path takes (new debtors, a debtor known with an open case, one with an insurer
cover it exceeds, one owing dollars only, one owing in two currencies, paid and unpaid invoices) with what it hands
back to the handler (a debtor named twice, a case validated again, a snapshot without its creditor)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from shared.consumer_runs import RunEvent
from shared.events.envelope import CloudEvent
from workbench.testing.runs import both_ways

from scoring.handlers import on_case_validated, on_cases_validated
from scoring.portfolio import placement
from scoring.portfolio.models import DebtorBehaviour, InsurerCover

CREDITOR, OTHER_CREDITOR = str(uuid.uuid4()), str(uuid.uuid4())

TABLES = {
    "scoring_debtors": "debtor_id",
    "scoring_debtor_views": "debtor_id, creditor_id",
    "debtor_behaviour": "debtor_id",
    "scoring_cases": "case_id",
    "scoring_invoices": "invoice_id",
    "invoice_balances": "invoice_id, as_of",
    "scores": "subject, debtor_id, case_id",
}


def snapshot(rows: Any) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in rows]


def dump(session: Session) -> dict[str, list[tuple[Any, ...]]]:
    """Every row the handlers write, but for what differs between any two runs (a score's serial, an event's id)."""
    tables = {
        name: snapshot(session.execute(text(f"SELECT * FROM {name} ORDER BY {order}")))  # our table names
        for name, order in TABLES.items()
    }
    tables["scores"] = sorted((row[1:] for row in tables["scores"]), key=repr)
    tables["outbox"] = sorted(
        snapshot(
            session.execute(
                text("SELECT topic, key, event_type, envelope->'data', envelope->>'subject', headers FROM outbox")
            )
        ),
        key=repr,
    )
    return tables


def test_a_run_of_validations_together_leaves_what_one_after_the_other_leaves(scoring, intake):
    def invoice(number: str, amount: str, outstanding: str | None = None, currency: str = "EUR") -> Any:
        made = intake.invoice(number, date(2026, 3, 1), date(2026, 4, 1), amount)
        return made.model_copy(update={"currency": currency, "outstanding": Decimal(outstanding or amount)})

    known, covered, twice = intake.debtor("Connu SA"), intake.debtor("Assuré SAS"), intake.debtor("Deux Fois")
    revalidated = intake.validated(CREDITOR, intake.debtor("Revalidé"), [invoice("R-1", "300.00")])
    for earlier in (intake.validated(CREDITOR, known, [invoice("K-1", "900.00")]), revalidated):
        scoring.apply(earlier, subject=earlier.case_id, tenant=CREDITOR)
    with Session(scoring.engine) as session, session.begin():
        behaviour = session.get(DebtorBehaviour, uuid.UUID(known.debtor_id))
        assert behaviour is not None
        behaviour.promises_broken, behaviour.partial_payments = 2, 1
        session.add(behaviour)
        session.add(
            InsurerCover(
                debtor_id=uuid.UUID(covered.debtor_id),
                insurer="Allianz Trade",
                grade=4,
                previous_grade=7,
                limit=Decimal("5000.00"),
                currency="EUR",
                updated_at=datetime(2026, 11, 1, tzinfo=UTC),
            )
        )

    run = [
        intake.validated(
            CREDITOR, intake.debtor("Neuf SARL"), [invoice("N-2", "100.00", "0"), invoice("N-1", "250.50")]
        ),
        intake.validated(OTHER_CREDITOR, known.model_copy(update={"name": "Connu (autre)"}), [invoice("K-9", "80.00")]),
        intake.validated(CREDITOR, twice, [invoice("T-1", "10.00")]),
        intake.validated(CREDITOR, covered, [invoice("A-1", "7000.00")]),
        revalidated.model_copy(update={"status": "amicable_phone"}),
        intake.validated(OTHER_CREDITOR, twice, [invoice("T-2", "20.00")]),
        intake.validated(
            CREDITOR, intake.debtor("Dollars Inc", type="company"), [invoice("U-1", "60.00", currency="USD")]
        ),
    ]
    mixed = [invoice("M-2", "30.00", currency="USD"), invoice("M-1", "40.00")]
    run.append(intake.validated(CREDITOR, intake.debtor("Mixte SAS"), mixed))  # read back: PostgreSQL orders them
    legacy = intake.validated(CREDITOR, intake.debtor("Sans Vue"), [invoice("L-1", "45.00")])
    run.append(legacy.model_copy(update={"debtor": legacy.debtor.model_copy(update={"creditor_id": None})}))
    items = [
        RunEvent(
            event,
            CloudEvent.wrap(event, subject=event.case_id, tenant=event.creditor_id, time=scoring.clock.now()),
            f"request-{n}",
        )
        for n, event in enumerate(run)
    ]

    with Session(scoring.engine, expire_on_commit=False) as session:
        together, alone = placement.apart(
            session, [placement.Validation(i.event, i.envelope, i.request_id) for i in items]
        )
        assert [v.event.debtor.name for v in together] == [
            "Neuf SARL",
            "Connu (autre)",
            "Assuré SAS",
            "Dollars Inc",
            "Mixte SAS",
        ]
        assert len(alone) == 4  # the debtor named twice (two), the case validated again, the snapshot without creditor
        session.rollback()

    one_by_one, together_dump = both_ways(
        scoring.engine, items, handler=on_case_validated, run_handler=on_cases_validated, clock=scoring.clock, read=dump
    )
    assert together_dump == one_by_one
    kinds = {row[2] for row in one_by_one["outbox"]}
    assert kinds == {  # the run exercised every event rescoring stages
        "recouvra.scoring.debtor.scored.v1",
        "recouvra.scoring.case.prioritized.v1",
        "recouvra.scoring.exposure.alerted.v1",
    }
    assert {row[-1].get("X-Request-ID") for row in one_by_one["outbox"]} >= {"request-0", "request-3"}
