"""The dunning scheduler against the machine's own limits, measured in the same run.

1. Selecting a million due steps. A million cases, each with its first step scheduled and due, are loaded with COPY
   into a migrated dunning database on an embedded PostgreSQL. Then the scheduler's own walk
   (`dunning.steps.due.due_keys`: scheduled due steps in (due_at, id) order, the cases checked by the claim, `WALK`
   (5,000) at a time after the last one read, through a SQLModel session) runs until every step was found. Nothing
   is rendered and intake is not read: this is the selection alone. Taking a step (locking it, re-checking it and
   marking it `sending`) happens in the transaction that prepares it; its rate is measured over a tenth of the
   steps and printed beside the target, not in it. Against: one bare `SELECT ... WHERE status = 'scheduled' AND
   due_at <= now` of the same rows through psycopg. Target: the million selected in under 10 s.
2. E-mail steps executed against raw smtplib (`bench/dunning_emails.py`). Target: at least half the raw rate.
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import psycopg

from shared.migrations import upgrade
from workbench.stack.broker import free_port
from workbench.stack.postgres import EmbeddedPostgres

SELECTION_TARGET_S = 10.0
RATE_TARGET = 0.5
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # a Tuesday, 10:00 in Paris


def _ids(count: int, rng: np.random.Generator) -> list[str]:
    return [str(uuid.UUID(bytes=bytes(row), version=4)) for row in rng.integers(0, 256, (count, 16), dtype=np.uint8)]


def load_due_steps(conninfo: str, steps: int, seed: int = 13) -> None:
    """`steps` active cases over 200 creditors, each with its first e-mail scheduled at 09:00 Paris on a day of
    the last 60 (all due at NOW)."""
    rng = np.random.default_rng(seed)
    creditors, cases, step_ids = _ids(200, rng), _ids(steps, rng), _ids(steps, rng)
    debtors = _ids(max(1, steps // 2), rng)
    days_ago = rng.integers(1, 61, steps)
    stamp = NOW.isoformat()
    with psycopg.connect(conninfo, autocommit=True) as conn:
        case_copy = (
            "COPY dunning_cases (case_id, creditor_id, debtor_id, reference, kind, scenario, status, due_on, "
            "currency, balance, next_position, validated_at, updated_at) FROM STDIN"
        )
        with conn.cursor() as cur, cur.copy(case_copy) as copy:
            buffer = io.StringIO()
            for i in range(steps):
                due_on = NOW.date() - timedelta(days=int(days_ago[i]) + 5)
                buffer.write(
                    f"{cases[i]}\t{creditors[i % 200]}\t{debtors[i % len(debtors)]}\tCRED-{i:07d}\tb2b\tdefault-fr\t"
                    f"active\t{due_on}\tEUR\t{1000 + i % 5000}.00\t0\t{stamp}\t{stamp}\n"
                )
                if i % 100_000 == 99_999:
                    copy.write(buffer.getvalue())
                    buffer = io.StringIO()
            copy.write(buffer.getvalue())
        step_copy = (
            "COPY dunning_steps (id, case_id, position, code, channel, template, due_at, status, attempts) FROM STDIN"
        )
        with conn.cursor() as cur, cur.copy(step_copy) as copy:
            buffer = io.StringIO()
            for i in range(steps):
                due_at = (NOW - timedelta(days=int(days_ago[i]), hours=1)).isoformat()
                buffer.write(f"{step_ids[i]}\t{cases[i]}\t0\temail-1\temail\temail-courteous\t{due_at}\tscheduled\t0\n")
                if i % 100_000 == 99_999:
                    copy.write(buffer.getvalue())
                    buffer = io.StringIO()
            copy.write(buffer.getvalue())
        conn.execute("VACUUM ANALYZE dunning_cases")
        conn.execute("VACUUM ANALYZE dunning_steps")


def bare_scan_s(conninfo: str, repeat: int = 3) -> tuple[float, int]:
    """Median seconds of one bare scan returning every due step (after a warm-up), and the rows it returned."""
    sql = "SELECT id, case_id, due_at FROM dunning_steps WHERE status = 'scheduled' AND due_at <= %s"
    times, rows = [], 0
    with psycopg.connect(conninfo) as conn:
        conn.execute(sql, (NOW,)).fetchall()
        for _ in range(repeat):
            started = time.perf_counter()
            rows = len(conn.execute(sql, (NOW,)).fetchall())
            times.append(time.perf_counter() - started)
    return statistics.median(times), rows


def scheduler_selection_s(url: str) -> tuple[float, int]:
    """Seconds the scheduler's walk (`dunning.steps.due.due_keys`, the statement `prepare_due_steps` reads with)
    takes to go through every due step, `WALK` at a time through a SQLModel session, and how many it found."""
    from sqlmodel import Session

    from shared.db import make_engine

    from dunning.outbound.preparing import WALK
    from dunning.steps.due import due_keys

    engine = make_engine(url, pool_size=2)
    selected, after = 0, None
    started = time.perf_counter()
    while True:
        with Session(engine) as session:
            keys = due_keys(session, now=NOW, after=after, batch=WALK)
        selected += len(keys)
        if len(keys) < WALK:
            break
        after = keys[-1]
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed, selected


def claim_s(url: str, batch: int, steps: int) -> tuple[float, int]:
    """Seconds the prepare transactions spend taking `steps` due steps (`dunning.steps.due.claim`: locked,
    re-checked, marked `sending` through the ORM, one transaction a batch), nothing rendered: the write each step
    costs on top of the walk, reported beside the target, not in it."""
    from sqlmodel import Session

    from shared.db import make_engine

    from dunning.outbound.preparing import WALK
    from dunning.steps.due import claim, due_keys

    engine = make_engine(url, pool_size=2)
    taken, after = 0, None
    started = time.perf_counter()
    while taken < steps:
        with Session(engine) as session:
            keys = due_keys(session, now=NOW, after=after, batch=WALK)
        if not keys:
            break
        after = keys[-1]
        for start in range(0, min(len(keys), steps - taken), batch):
            ids = [key.id for key in keys[start : start + batch]]
            with Session(engine) as session, session.begin():
                for step in session.exec(claim(ids=ids, now=NOW)).all():
                    step.status = "sending"
                    taken += 1
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed, taken


def _database(server: EmbeddedPostgres, name: str) -> tuple[str, str]:
    """A migrated dunning database: its SQLAlchemy URL and its psycopg conninfo."""
    host, port = server.host, server.port
    with psycopg.connect(f"host={host} port={port} user=postgres dbname=postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = server.url(name)
    upgrade("dunning", url)
    return url, f"host={host} port={port} user=postgres dbname={name}"


def run(*, steps: int = 1_000_000, emails: int = 3_000) -> dict[str, float]:
    from bench import dunning_emails
    from dunning.config import Settings
    from dunning.outbound.preparing import WALK

    batch = Settings(database_url="", profile="test").scheduler_batch
    with tempfile.TemporaryDirectory(prefix="recouvra-bench-dunning-") as name:
        folder = Path(name)
        server = EmbeddedPostgres(folder / "pg", port=free_port())
        server.start()
        try:
            # the e-mails first: after a million rows are loaded and a tenth of them marked, PostgreSQL writes
            # them out (checkpoint, autovacuum) for minutes, on the cores the mail server and the pass share
            email_url, email_conninfo = _database(server, "dunning_emails_bench")
            rates = dunning_emails.run(
                url=email_url, conninfo=email_conninfo, folder=folder, emails=emails, clock_at=NOW
            )
            url, conninfo = _database(server, "dunning_steps_bench")
            started = time.perf_counter()
            load_due_steps(conninfo, steps)
            print(
                f"Dunning: {steps:,} due steps and their cases loaded with COPY in "
                f"{time.perf_counter() - started:.1f} s (embedded PostgreSQL, port {server.port})"
            )
            bare, bare_rows = bare_scan_s(conninfo)
            selection, selected = scheduler_selection_s(url)
            assert bare_rows == selected == steps, (bare_rows, selected, steps)
            sample = max(1, steps // 10)
            claiming, taken = claim_s(url, batch, sample)
            print(
                f"  selecting {steps:,} due steps: scheduler walk {selection:.1f} s ({steps / selection:,.0f} steps/s, "
                f"{WALK:,} a read) | bare scan {bare * 1000:.0f} ms ({selection / bare:.1f}×) | taking them "
                f"(locked, marked sending, in the prepare transactions): {taken / claiming:,.0f} steps/s over {taken:,}"
            )
        finally:
            server.stop()
    per_million = selection * 1_000_000 / steps  # the target is for a million; a smaller run is scaled up
    result = {
        "selection_s": selection,
        "selection_per_million_s": per_million,
        "selection_ratio": selection / bare,
        "claim_steps_per_s": taken / claiming,
    }
    result.update(rates)
    met_selection = per_million < SELECTION_TARGET_S
    met_rate = rates["rate_ratio"] >= RATE_TARGET
    scaled = "" if steps == 1_000_000 else f", scaled from {steps:,}"
    print(
        f"  targets: 1,000,000 due steps selected in under {SELECTION_TARGET_S:.0f} s -> "
        f"{'met' if met_selection else 'NOT met'} ({per_million:.1f} s{scaled}); e-mail steps at least "
        f"{RATE_TARGET:.0%} of raw smtplib -> {'met' if met_rate else 'NOT met'} ({rates['rate_ratio']:.0%})"
    )
    result["met"] = float(met_selection and met_rate)
    return result
