"""Legal's insurance and factoring projection (each case's debtor SIREN, its invoices' due dates and what remains on
each) and scoring's exposure alerts end the same whatever the order the broker delivers intake's and scoring's
events in, duplicates and a crash included."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal

from sqlmodel import Session

from shared.db import make_engine
from shared.events.scoring import ExposureAlerted
from workbench.testing.convergence import Convergence
from workbench.testing.projections import table_rows
from workbench.testing.recordings import recorded

from .conftest import RUNS
from legal.handlers import INSURANCE_HANDLERS


def test_the_insurance_projection_converges_whatever_the_order_of_intakes_and_scorings_events(
    rich_flow, settings_for, clock
):
    types = {t for cls in INSURANCE_HANDLERS for t in (cls.type, *cls.supersedes)}
    events = [e for e in rich_flow.events if json.loads(e.value)["type"] in types]
    assert {json.loads(e.value)["type"].split(".")[3] for e in events} >= {"opened", "added", "balance_changed"}
    debtor = rich_flow.cases["alpha-dupont"]["debtor"]["id"]
    for reason, limit in (("grade_fell", "5000.00"), ("limit_exceeded", "1000.00")):
        alert = ExposureAlerted(debtor_id=debtor, exposure=Decimal("1650.00"), limit=Decimal(limit), reason=reason)
        events.append(recorded(alert, subject=debtor, tenant=None, clock=clock))
    other = ExposureAlerted(debtor_id=str(uuid.uuid4()), exposure=Decimal("10"), reason="grade_fell")
    events.append(recorded(other, subject=other.debtor_id, tenant=None, clock=clock))

    settings = settings_for("legal")
    engine = make_engine(settings.database_url)
    try:

        def snapshot(session: Session):
            return {
                name: table_rows(session, name)
                for name in ("insurance_cases", "insurance_case_invoices", "insurance_debtor_exposure")
            }

        projection = Convergence(
            engine=engine, settings=settings, handlers=INSURANCE_HANDLERS, clock=clock, snapshot=snapshot
        ).check(events, runs=RUNS)
    finally:
        engine.dispose()

    assert len(projection["insurance_cases"]) == 5, "every case intake opened, drafts included"
    assert len(projection["insurance_case_invoices"]) == 8
    exposure = {str(row[0]): row for row in projection["insurance_debtor_exposure"]}
    assert exposure[debtor][1:3] == ("limit_exceeded", Decimal("1000.00")), "the latest alert stands"
