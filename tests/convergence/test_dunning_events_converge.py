"""Dunning's events reach scoring and intake in any order against intake's and legal's, redelivered and across a
crash: each consumer's projection must end as it does when every event arrives in the order it happened.

The flows are lean (two cases of the rich flow, see conftest): every event costs a rescoring or a statement, and it
is the interleavings, not the size of the flow, that find an order-dependent handler."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session, select

from shared.db import make_engine
from shared.events.base import Event
from shared.events.dunning import (
    DisputeOpened,
    FormalNoticeReceived,
    Instalment,
    PlanAgreed,
    PlanBreached,
    PromiseBroken,
    PromiseKept,
)
from shared.events.intake import CaseValidated
from shared.events.legal import FundsCollected
from workbench.testing.convergence import Convergence
from workbench.testing.projections import projection_tables, table_rows
from workbench.testing.recordings import Recorded, recorded

from .conftest import RUNS
from intake.cases.models import Case
from intake.config import Settings as IntakeSettings
from intake.handlers import HANDLERS as INTAKE_HANDLERS
from intake.ledger.models import Payment
from scoring.handlers import HANDLERS as SCORING_HANDLERS
from scoring.portfolio.models import DebtorBehaviour

IN_ORDER = "in-order"
"""one topic of one partition: a flow moved onto it is delivered in the order it was recorded"""


def type_of(event: Recorded) -> str:
    return json.loads(event.value)["type"]


def dunning(case: dict, clock, event_cls: type[Event], **fields) -> Recorded:
    """An event dunning would publish about `case` (dunning.actions, keyed by the case)."""
    event = event_cls(case_id=case["id"], creditor_id=case["creditor_id"], debtor_id=case["debtor"]["id"], **fields)
    return recorded(event, subject=case["id"], tenant=case["creditor_id"], clock=clock)


def in_order_projection(events: list[Recorded], *, engine, settings, handlers, clock, snapshot):
    """The projection when the flow arrives as recorded: moved onto one stream, every interleaving is that order."""
    return Convergence(engine=engine, settings=settings, handlers=handlers, clock=clock, snapshot=snapshot).check(
        [replace(event, topic=IN_ORDER) for event in events], runs=1
    )


@pytest.fixture
def database(settings_for):
    engines = []

    def make(service: str):
        settings = settings_for(service)
        engine = make_engine(settings.database_url)
        engines.append(engine)
        return settings, engine

    yield make
    for engine in engines:
        engine.dispose()


SCORED = ("alpha-dupont", "beta-dupont")  # one debtor, two creditors: its counters hear from two partitions


def test_scorings_behaviour_counters_converge_whatever_dunnings_events_overtake(rich_flow, database, clock):
    cases = rich_flow.cases
    placed = {cases[name]["id"] for name in SCORED}
    intake_events = [e for e in rich_flow.events if e.key in placed and type_of(e) == CaseValidated.type]
    assert len(intake_events) == 2
    dupont, beta = cases["alpha-dupont"], cases["beta-dupont"]
    dunning_events = [
        dunning(dupont, clock, PromiseBroken, promise_id="p-1", paid=Decimal("0"), broken_on=date(2026, 10, 1)),
        dunning(
            dupont,
            clock,
            PlanAgreed,
            plan_id="pl-1",
            total=Decimal("500.00"),
            instalments=[Instalment(due_on=date(2026, 10, 15), amount=Decimal("250.00"))] * 2,
        ),
        dunning(
            dupont,
            clock,
            PlanBreached,
            plan_id="pl-1",
            missed_due_on=date(2026, 10, 15),
            breached_on=date(2026, 10, 20),
            next_action="resume",
        ),
        dunning(beta, clock, DisputeOpened, dispute_id="d-1", reason="not delivered", opened_on=date(2026, 10, 2)),
        dunning(beta, clock, PromiseKept, promise_id="p-2", paid=Decimal("300.00"), kept_on=date(2026, 10, 3)),
    ]

    def snapshot(session: Session):
        # the score history grows by one row per rescoring, which the order decides: the current scores are compared
        tables = projection_tables(session, skip=("scores", "debtor_behaviour"))
        tables["debtor_behaviour"] = {str(b.debtor_id): b.model_dump() for b in session.exec(select(DebtorBehaviour))}
        return tables

    settings, engine = database("scoring")
    expected = in_order_projection(
        intake_events + dunning_events,
        engine=engine,
        settings=settings,
        handlers=SCORING_HANDLERS,
        clock=clock,
        snapshot=snapshot,
    )
    settings, engine = database("scoring")
    projection = Convergence(
        engine=engine, settings=settings, handlers=SCORING_HANDLERS, clock=clock, snapshot=snapshot
    ).check(intake_events + dunning_events, runs=RUNS)

    assert projection == expected, "as when every event arrives in the order it happened"
    behaviour = projection["debtor_behaviour"]
    counted = ("promises_kept", "promises_broken", "disputes_opened", "plans_agreed", "plans_breached")
    assert [behaviour[dupont["debtor"]["id"]][name] for name in counted] == [1, 1, 1, 1, 1]


def test_intakes_formal_notices_converge_with_bailiff_collections_whatever_their_order(rich_flow, clock):
    """Dunning's notices (dunning.actions) and legal's collections (legal.procedures) reach intake in any order
    against each other, on cases it holds: each case keeps the earliest receipt reported, each collection is posted
    once. Business cases only: on a consumer's case the order would decide how a collection is allocated, interest
    being owed only from the receipt of the notice, and intake does not yet re-allocate a payment posted before it
    heard of the notice."""
    settings = IntakeSettings(database_url=rich_flow.intake_database_url, profile="test", kafka_topic_prefix="conv.")
    cases = rich_flow.cases
    dupont, beta = cases["alpha-dupont"], cases["beta-dupont"]

    def notice(case: dict, sent_on: str, received_on: str) -> Recorded:
        return dunning(
            case,
            clock,
            FormalNoticeReceived,
            message_id=f"lrar-{sent_on}",
            sent_on=date.fromisoformat(sent_on),
            received_on=date.fromisoformat(received_on),
        )

    def collected(case: dict, amount: str, reference: str) -> Recorded:
        event = FundsCollected(
            mission_id=str(uuid.uuid4()),
            case_id=case["id"],
            creditor_id=case["creditor_id"],
            amount=amount,
            currency="EUR",
            collected_on="2026-10-01",
            reference=reference,
        )
        return recorded(event, subject=case["id"], tenant=case["creditor_id"], clock=clock)

    events = [
        notice(dupont, "2026-09-20", "2026-09-23"),
        notice(dupont, "2026-09-01", "2026-09-04"),  # an earlier letter's acknowledgement, reported late
        notice(dupont, "2026-10-01", "2026-10-03"),  # a later notice: interest already runs
        notice(beta, "2026-09-10", "2026-09-14"),
        collected(dupont, "100.00", "PV-dupont"),
        collected(beta, "60.00", "PV-beta"),
    ]

    def snapshot(session: Session):
        payments = session.exec(select(Payment).where(Payment.source == "bailiff")).all()
        return {
            "notices": sorted(
                (str(case.id), case.formal_notice_on, case.formal_notice_received_on)
                for case in session.exec(select(Case)).all()
            ),
            "payments": sorted((str(p.case_id), p.reference, str(p.amount)) for p in payments),
            "allocations": table_rows(session, "payment_allocations", ignore=("id", "payment_id")),
        }

    engine = make_engine(rich_flow.intake_database_url)
    try:
        projection = Convergence(
            engine=engine, settings=settings, handlers=INTAKE_HANDLERS, clock=clock, snapshot=snapshot
        ).check(events, runs=RUNS)
    finally:
        engine.dispose()

    # what the order they happened in gives: the earliest receipt of each case, every collection posted once
    notices = {case_id: (sent, received) for case_id, sent, received in projection["notices"]}
    assert notices == {
        dupont["id"]: (date(2026, 9, 1), date(2026, 9, 4)),
        beta["id"]: (date(2026, 9, 10), date(2026, 9, 14)),
        **{cases[name]["id"]: (None, None) for name in ("alpha-martin", "alpha-durand", "beta-draft")},
    }
    assert len(projection["payments"]) == 1 + 2, "the flow's own collection and the two delivered here"
