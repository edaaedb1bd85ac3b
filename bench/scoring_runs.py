"""`python -m bench.scoring_runs [VALIDATIONS]`: scoring's `case.validated` handler alone, one by one and in runs.

Not one of `make bench`'s verdicts: the measurement behind the pipeline's "Set-based handlers per fetch" section of
docs/benchmarks.md. The handlers are called in this process on an embedded PostgreSQL, as the consumer calls them:
one transaction a batch, a savepoint an event one by one (`on_case_validated`), or a savepoint a run
(`on_cases_validated`, `shared.consumer_runs`). Printed: the process's CPU a validation, and the statements a
validation as SQLAlchemy sends them (COPY and the plain statements of `shared.plain_reads` go to the driver
directly and are not counted)."""

from __future__ import annotations

import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import event
from sqlmodel import Session

from shared.clock import SettableClock
from shared.consumer_runs import RunEvent
from shared.db import make_engine
from shared.events.envelope import CloudEvent
from shared.events.intake import CaseValidated, DebtorSnapshot, InvoiceSnapshot
from shared.migrations import upgrade

CREDITOR = str(uuid.uuid4())
WARM_UP = 200


def _validated(index: int) -> CaseValidated:
    due = date(2026, 12, 30)
    return CaseValidated(
        case_id=str(uuid.uuid4()),
        creditor_id=CREDITOR,
        reference=f"B-{index}",
        kind="b2b",
        status="amicable",
        debtor=DebtorSnapshot(
            debtor_id=str(uuid.uuid4()), type="company", name=f"Banc {index}", has_email=True, creditor_id=CREDITOR
        ),
        invoices=[
            InvoiceSnapshot(
                invoice_id=str(uuid.uuid4()),
                number=f"F-{index}",
                issue_date=due - timedelta(days=30),
                due_date=due,
                amount=Decimal("1200.00"),
                currency="EUR",
                outstanding=Decimal("1200.00"),
            )
        ],
    )


def _apply(engine: Any, clock: SettableClock, events: list[CaseValidated], run: int) -> None:
    """`events` in transactions of 100 one by one (run 0), or in runs of `run` a transaction."""
    from scoring.handlers import on_case_validated, on_cases_validated

    size = run or 100
    for start in range(0, len(events), size):
        batch = [
            (e, CloudEvent.wrap(e, subject=e.case_id, tenant=CREDITOR, time=clock.now()))
            for e in events[start : start + size]
        ]
        with Session(engine, expire_on_commit=False) as session, session.begin():
            if run:
                with session.begin_nested():
                    items = [RunEvent(e, envelope, None) for e, envelope in batch]
                    on_cases_validated(session=session, events=items, clock=clock)
                continue
            for e, envelope in batch:
                with session.begin_nested():
                    on_case_validated(session=session, event=e, envelope=envelope, clock=clock)


def run(validations: int = 1_000) -> list[tuple[str, float, float]]:
    from workbench.stack.broker import free_port
    from workbench.stack.postgres import EmbeddedPostgres

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        server = EmbeddedPostgres(Path(folder) / "pg", port=free_port())
        server.start()
        try:
            with psycopg.connect(
                f"host={server.host} port={server.port} user=postgres dbname=postgres", autocommit=True
            ) as c:
                c.execute('CREATE DATABASE "scoring"')
            upgrade("scoring", server.url("scoring"))
            engine = make_engine(server.url("scoring"))
            sent = [0]
            event.listen(engine, "before_cursor_execute", lambda *args, **kwargs: sent.__setitem__(0, sent[0] + 1))
            clock = SettableClock(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
            for name, size in (("one by one", 0), ("runs of 1", 1), ("runs of 10", 10), ("runs of 50", 50)):
                _apply(engine, clock, [_validated(i) for i in range(WARM_UP)], size)
                events = [_validated(i) for i in range(validations)]
                sent[0] = 0
                started = time.process_time()
                _apply(engine, clock, events, size)
                cpu = time.process_time() - started
                rows.append((name, 1000 * cpu / validations, sent[0] / validations))
            engine.dispose()
        finally:
            server.stop()
    return rows


def main() -> None:
    validations = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000
    print(f"scoring's case.validated handler, {validations:,} validations each way, embedded PostgreSQL:")
    print(f"  {'path':<12} {'CPU ms a validation':>20} {'statements a validation':>24}")
    for name, cpu_ms, statements in run(validations):
        print(f"  {name:<12} {cpu_ms:>20.2f} {statements:>24.1f}")


if __name__ == "__main__":
    main()
