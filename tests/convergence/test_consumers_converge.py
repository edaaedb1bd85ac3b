"""Every consumer ends with the same projection whatever the delivery order, duplicates and crashes included.

The flow is intake's real outbox (see conftest). Each consumer gets it in `RUNS` random interleavings that keep
each partition's order, as the broker may deliver them, through its real code path (inbox and waiting room)."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace

import pytest
from sqlmodel import Session, select

from shared.db import make_engine
from shared.events.intake import CreditorRegistered
from shared.events.legal import FundsCollected
from workbench.testing.convergence import Convergence
from workbench.testing.projections import projection_tables, table_rows
from workbench.testing.recordings import recorded

from .conftest import RUNS
from intake.config import Settings as IntakeSettings
from intake.handlers import HANDLERS as INTAKE_HANDLERS
from intake.ledger.models import Payment
from portal.handlers import HANDLERS as PORTAL_HANDLERS
from scoring.handlers import HANDLERS as SCORING_HANDLERS


def consumed_by(handlers, events):
    types = {t for cls in handlers for t in (cls.type, *cls.supersedes)}
    return [e for e in events if json.loads(e.value)["type"] in types]


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


def test_scorings_projection_converges_whatever_the_order_of_intakes_events(rich_flow, database, clock):
    settings, engine = database("scoring")
    events = consumed_by(SCORING_HANDLERS, rich_flow.events)
    assert {json.loads(e.value)["type"].split(".")[3] for e in events} >= {
        "registered",
        "validated",
        "added",
        "recorded",
        "balance_changed",
        "closed",
        "updated",
        "contacts_corrected",
    }

    def snapshot(session: Session):
        # the score history grows by one row per rescoring, which the order decides: the current scores are compared
        return projection_tables(session, skip=("scores",))

    projection = Convergence(
        engine=engine, settings=settings, handlers=SCORING_HANDLERS, clock=clock, snapshot=snapshot
    ).check(events, runs=RUNS)

    balances = {row[0]: row for row in projection["scoring_cases"]}
    assert len(balances) == 4, "the four validated cases, not the draft"


def test_scoring_would_lose_a_payment_if_balances_travelled_apart_from_the_case(rich_flow, database, clock):
    """The harness has teeth: with the payment events on a topic of their own (as before v2), a balance can reach
    scoring before the validation that placed its case, and the projection depends on the order."""
    settings, engine = database("scoring")
    events = [
        replace(e, topic="intake.payments")
        if json.loads(e.value)["type"].split(".")[2] in ("payment", "case")
        and json.loads(e.value)["type"].split(".")[3] in ("recorded", "allocated", "balance_changed", "paid")
        else e
        for e in consumed_by(SCORING_HANDLERS, rich_flow.events)
    ]

    with pytest.raises(AssertionError, match="projection differs"):
        Convergence(
            engine=engine,
            settings=settings,
            handlers=SCORING_HANDLERS,
            clock=clock,
            snapshot=lambda session: projection_tables(session, skip=("scores",)),
        ).check(events, runs=RUNS)


def test_the_portals_creditor_directory_converges(rich_flow, database, clock):
    # the directory's own events only: the timeline's are checked on a lean flow (test_timeline_converges.py)
    handlers = {CreditorRegistered: PORTAL_HANDLERS[CreditorRegistered]}
    settings, engine = database("portal")
    events = consumed_by(handlers, rich_flow.events)
    assert len(events) >= 2

    projection = Convergence(
        engine=engine, settings=settings, handlers=handlers, clock=clock, snapshot=projection_tables
    ).check(events, runs=RUNS)

    assert {row[1] for row in projection["creditor_directory"]} >= {"Alpha Fournitures", "Beta Services"}


def test_intakes_ledger_converges_on_bailiff_collections_whatever_their_order(rich_flow, clock):
    """Intake consumes the bailiffs' collections (legal's events) against cases it holds: the flow's database is the
    starting point, and every run must post each collection once, as a payment with its allocation."""
    intake_settings = IntakeSettings(
        database_url=rich_flow.intake_database_url, profile="test", kafka_topic_prefix="conv."
    )
    engine = make_engine(rich_flow.intake_database_url)
    try:
        collections = []
        for name, amounts in (
            ("alpha-dupont", ("100.00", "25.50")),
            ("beta-dupont", ("60.00",)),
            ("alpha-martin", ("10.00",)),
        ):
            case = rich_flow.cases[name]
            for index, amount in enumerate(amounts):
                event = FundsCollected(
                    mission_id=str(uuid.uuid4()),
                    case_id=case["id"],
                    creditor_id=case["creditor_id"],
                    amount=amount,
                    currency="EUR",
                    collected_on="2026-10-01",
                    reference=f"PV-{name}-{index}",
                )
                collections.append(recorded(event, subject=case["id"], tenant=case["creditor_id"], clock=clock))

        def snapshot(session: Session):
            payments = session.exec(select(Payment).where(Payment.source == "bailiff")).all()
            return {
                "payments": sorted((str(p.case_id), p.reference, str(p.amount)) for p in payments),
                "allocations": table_rows(session, "payment_allocations", ignore=("id", "payment_id")),
            }

        projection = Convergence(
            engine=engine, settings=intake_settings, handlers=INTAKE_HANDLERS, clock=clock, snapshot=snapshot
        ).check(collections, runs=RUNS)
    finally:
        engine.dispose()

    assert len(projection["payments"]) == 1 + 4, "the flow's own collection and the four delivered here"
