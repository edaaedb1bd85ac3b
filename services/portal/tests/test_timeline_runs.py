"""A run of one type of case event written to the timeline together (`entries_writer`, issue 17's pipeline) leaves
the entries one handler call an event leaves, on real PostgreSQL: an entry already written included."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from shared.consumer_runs import RunEvent
from shared.events.envelope import CloudEvent
from shared.events.intake import CaseValidated, DebtorSnapshot, InvoiceSnapshot
from workbench.testing.runs import both_ways

from portal.handlers import HANDLERS, RUN_HANDLERS
from portal.main import create_app as create_portal

T0 = datetime(2026, 11, 3, 8, 0, tzinfo=UTC)


@pytest.fixture
def portal(settings_for, clock) -> TestClient:
    with TestClient(create_portal(settings_for("portal"), clock=clock)) as client:
        yield client


def validated(n: int) -> CaseValidated:
    return CaseValidated(
        case_id=str(uuid.uuid4()),
        creditor_id=str(uuid.uuid4()),
        reference=f"R-{n}",
        kind="b2b" if n % 2 else "b2c",
        status="amicable",
        debtor=DebtorSnapshot(debtor_id=str(uuid.uuid4()), type="company", name=f"Débiteur {n}"),
        invoices=[
            InvoiceSnapshot(
                invoice_id=str(uuid.uuid4()),
                number=f"F-{n}",
                issue_date=date(2026, 9, 1),
                due_date=date(2026, 10, 1),
                amount=Decimal("100.00") * n,
                currency="EUR",
                outstanding=Decimal("100.00") * n,
            )
        ],
    )


def entries(session: Session) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in session.execute(text("SELECT * FROM timeline_entries ORDER BY event_id")).all()]


def test_a_run_of_events_writes_the_entries_one_by_one_writes(portal, clock) -> None:
    engine = portal.app.state.runtime.engine  # type: ignore[attr-defined]  # .app is typed as ASGIApp
    items = []
    for n in range(1, 6):
        event = validated(n)
        envelope = CloudEvent.wrap(event, subject=event.case_id, tenant=event.creditor_id, time=T0 + timedelta(hours=n))
        items.append(RunEvent(event, envelope, None))
    with Session(engine) as session, session.begin():  # the first already written (a redelivery after a crash)
        HANDLERS[CaseValidated](session=session, event=items[0].event, envelope=items[0].envelope, clock=clock)
    handler, run_handler = HANDLERS[CaseValidated], RUN_HANDLERS[CaseValidated]
    one_by_one, together = both_ways(engine, items, handler=handler, run_handler=run_handler, clock=clock, read=entries)
    assert together == one_by_one
    assert len(one_by_one) == 5
