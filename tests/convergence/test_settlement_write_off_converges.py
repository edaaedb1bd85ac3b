"""Intake consumes dunning's SettlementHonoured: each settlement writes off what its case still owes on its day, once,
and closes the case as settled, whatever the order, duplicates and crashes; the write-off bears no commission and
gives no receipt."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlmodel import Session, select

from shared.db import make_engine
from shared.events.dunning_settlements import SettlementHonoured
from workbench.testing.convergence import Convergence
from workbench.testing.recordings import recorded

from .conftest import RUNS
from intake.cases.models import Case
from intake.config import Settings as IntakeSettings
from intake.handlers import HANDLERS as INTAKE_HANDLERS
from intake.ledger.models import Payment


def honoured(case: dict) -> SettlementHonoured:
    return SettlementHonoured(
        case_id=case["id"],
        creditor_id=case["creditor_id"],
        debtor_id=str(uuid.uuid4()),
        settlement_id=str(uuid.uuid4()),
        amount=Decimal("10.00"),
        paid=Decimal("10.00"),
        honoured_on=date(2026, 10, 1),
    )


def test_intakes_ledger_converges_on_honoured_settlements_whatever_their_order(rich_flow, clock):
    engine = make_engine(rich_flow.intake_database_url)
    settings = IntakeSettings(database_url=rich_flow.intake_database_url, profile="test", kafka_topic_prefix="conv.")
    try:
        settled = [honoured(rich_flow.cases[name]) for name in ("alpha-dupont", "beta-dupont", "alpha-durand")]
        events = [recorded(e, subject=e.case_id, tenant=e.creditor_id, clock=clock) for e in settled]

        def snapshot(session: Session):
            payments = session.exec(select(Payment).where(Payment.source == "write_off")).all()
            cases = session.exec(select(Case).where(Case.closure_reason == "settled")).all()
            return {
                "write_offs": sorted(
                    (str(p.case_id), p.reference, str(p.amount), str(p.commission), p.receipt_number) for p in payments
                ),
                "settled": sorted(str(c.id) for c in cases),
            }

        projection = Convergence(
            engine=engine, settings=settings, handlers=INTAKE_HANDLERS, clock=clock, snapshot=snapshot
        ).check(events, runs=RUNS)
    finally:
        engine.dispose()

    assert projection["settled"] == sorted(e.case_id for e in settled)
    assert sorted((w[1], w[3], w[4]) for w in projection["write_offs"]) == sorted(
        (f"ACCORD-{e.settlement_id}", "0.00", None) for e in settled
    ), "one write-off per settlement: no commission, no receipt"
    assert all(Decimal(w[2]) > 0 for w in projection["write_offs"])
