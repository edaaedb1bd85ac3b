"""Aged balance over a million invoices against a bare SQL GROUP BY over the same rows, same database, same run.

The benchmark starts its own embedded PostgreSQL on a free port, migrates a scoring database, loads the
invoices (and their outstanding history) with COPY through psycopg 3, then times, alternately:
  - bare:     one GROUP BY of the invoices' current outstanding by due-date bucket, straight through psycopg;
  - service:  `scoring.aged_balance.balances.aged_balance` (SQLModel session, as-of logic, domain objects);
  - endpoint: GET /api/v1/aged-balance through the FastAPI app (token check, JSON), in process.
It prints the medians and the ratios, and checks the totals against the history read the slow obvious way.
Target (issue 17): the endpoint within 1.3 × the bare query, today and as of a past date.
"""

from __future__ import annotations

import io
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import psycopg

TARGET_RATIO = 1.3  # issue 17: the endpoint within 1.3x the bare GROUP BY
TODAY = date(2026, 11, 24)
LIMITS = (30, 60, 90)
PAID_SHARE = 0.3  # invoices with a payment in the last 90 days: their history holds an earlier value


def _euros(cents: int) -> str:
    """Cents as an exact decimal string, without passing through a float."""
    cents = int(cents)
    return f"{cents // 100}.{cents % 100:02d}"


def _ids(count: int, rng: np.random.Generator) -> list[str]:
    return [str(uuid.UUID(bytes=bytes(row), version=4)) for row in rng.integers(0, 256, (count, 16), dtype=np.uint8)]


def load(conninfo: str, invoices: int, seed: int = 7) -> int:
    """COPY `invoices` invoices over 50 creditors and invoices/4 debtors, with their outstanding history:
    30 % had a payment in the last 90 days, a third of those an earlier one too. Returns the history rows."""
    rng = np.random.default_rng(seed)
    creditors, debtors, invoice_ids = _ids(50, rng), _ids(max(1, invoices // 4), rng), _ids(invoices, rng)
    issue_dates = [TODAY - timedelta(days=int(d)) for d in rng.integers(0, 400, invoices)]  # none issued after today
    terms = rng.choice([30, 45, 60], invoices)
    amounts = rng.integers(5_000, 2_000_000, invoices)  # cents
    paid = rng.random(invoices) < PAID_SHARE
    twice = rng.random(invoices) < 1 / 3
    payment_days = rng.integers(1, 90, invoices)
    remaining = (amounts * rng.random(invoices) * 0.8).astype(np.int64)

    def points(i: int) -> list[tuple[date, int]]:
        """(business date, outstanding in cents) from the issue date on."""
        steps = [(issue_dates[i], int(amounts[i]))]
        since = TODAY - timedelta(days=int(payment_days[i]))
        if paid[i] and since > issue_dates[i]:
            middle = issue_dates[i] + (since - issue_dates[i]) / 2
            if twice[i] and issue_dates[i] < middle < since:
                steps.append((middle, int(amounts[i] + remaining[i]) // 2))
            steps.append((since, int(remaining[i])))
        return steps

    history = 0
    with psycopg.connect(conninfo, autocommit=True) as conn:
        with (
            conn.cursor() as cur,
            cur.copy(
                "COPY scoring_invoices (invoice_id, case_id, creditor_id, debtor_id, number, issue_date, due_date, "
                "amount,"
                " currency, outstanding, outstanding_since, previous_outstanding, previous_since) FROM STDIN"
            ) as copy,
        ):
            buffer = io.StringIO()
            for i in range(invoices):
                steps = points(i)
                (since, now), previous = steps[-1], steps[-2] if len(steps) > 1 else None
                before = f"{_euros(previous[1])}\t{previous[0]}" if previous else "\\N\t\\N"
                debtor = debtors[i % len(debtors)]
                buffer.write(
                    f"{invoice_ids[i]}\t{debtor}\t{creditors[i % 50]}\t{debtor}\tF-{i}\t{issue_dates[i]}\t"
                    f"{issue_dates[i] + timedelta(days=int(terms[i]))}\t{_euros(amounts[i])}\tEUR\t"
                    f"{_euros(now)}\t{since}\t{before}\n"
                )
                if i % 50_000 == 49_999:
                    copy.write(buffer.getvalue())
                    buffer = io.StringIO()
            copy.write(buffer.getvalue())
        history_copy = "COPY invoice_balances (invoice_id, as_of, outstanding) FROM STDIN"
        with conn.cursor() as cur, cur.copy(history_copy) as copy:
            buffer = io.StringIO()
            for i in range(invoices):
                for day, cents in points(i):
                    buffer.write(f"{invoice_ids[i]}\t{day}\t{_euros(cents)}\n")
                    history += 1
                if i % 50_000 == 49_999:
                    copy.write(buffer.getvalue())
                    buffer = io.StringIO()
            copy.write(buffer.getvalue())
        conn.execute("VACUUM ANALYZE scoring_invoices")
        conn.execute("VACUUM ANALYZE invoice_balances")
    return history


def bare_query(as_of: date) -> tuple[str, list[date]]:
    from scoring.domain.aging import due_date_bounds

    bounds = due_date_bounds(as_of, LIMITS)
    whens = " ".join(f"WHEN due_date >= %s THEN {index - 1}" for index in range(len(bounds)))
    sql = (
        f"SELECT CASE {whens} ELSE {len(LIMITS)} END AS bucket, sum(outstanding), count(*) "
        "FROM scoring_invoices WHERE outstanding > 0 GROUP BY 1"
    )
    return sql, bounds


def reference_total(conninfo: str, as_of: date) -> str:
    """The total outstanding as of the date straight from the history, the slow obvious way, to check the fast path."""
    sql = (
        "SELECT coalesce(sum(o), 0) FROM (SELECT DISTINCT ON (b.invoice_id) b.outstanding AS o "
        "FROM invoice_balances b JOIN scoring_invoices i USING (invoice_id) "
        "WHERE b.as_of <= %(d)s AND i.issue_date <= %(d)s ORDER BY b.invoice_id, b.as_of DESC) AS latest WHERE o > 0"
    )
    with psycopg.connect(conninfo) as conn:
        row = conn.execute(sql, {"d": as_of}).fetchone()
    return str(row[0]) if row else "0"


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm-up: caches, plans, connections
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _timings(conninfo: str, url: str, as_of: date, repeat: int) -> dict[str, float]:
    from fastapi.testclient import TestClient
    from sqlmodel import Session

    from shared.auth import Principal, Role, SigningKey, TokenVerifier
    from shared.clock import SettableClock
    from shared.db import make_engine

    from scoring.aged_balance.balances import aged_balance
    from scoring.config import Settings
    from scoring.main import create_app

    key = SigningKey.generate()
    verifier = TokenVerifier(issuer="bench", audience="recouvra", jwks={"keys": [key.jwk()]})
    token = key.issue(
        Principal(subject="bench", role=Role.AGENT), issuer="bench", audience="recouvra", now=datetime.now(UTC)
    )
    settings = Settings(
        database_url=url, run_workers=False, profile="test", aged_balance_limits=list(LIMITS), log_level="WARNING"
    )
    clock = SettableClock(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    engine = make_engine(url, pool_size=2)
    sql, bounds = bare_query(as_of)
    totals: dict[str, str] = {}
    with (
        psycopg.connect(conninfo) as conn,
        Session(engine) as session,
        TestClient(create_app(settings, clock=clock, verifier=verifier)) as client,
    ):
        headers = {"Authorization": f"Bearer {token}"}

        def bare() -> None:
            rows = conn.execute(sql, bounds).fetchall()
            totals["bare"] = str(sum(row[1] for row in rows))

        def service() -> None:
            totals["service"] = str(aged_balance(session=session, as_of=as_of, limits=LIMITS).total)
            session.rollback()

        def endpoint() -> None:
            response = client.get("/api/v1/aged-balance", params={"as_of": as_of.isoformat()}, headers=headers)
            response.raise_for_status()
            totals["endpoint"] = response.json()["total"]

        results: dict[str, list[float]] = {"bare": [], "service": [], "endpoint": []}
        for _ in range(3):  # alternate, so that a noisy neighbour hurts all three alike
            for name, fn in (("bare", bare), ("service", service), ("endpoint", endpoint)):
                results[name].append(_median_ms(fn, max(1, repeat // 3)))
    engine.dispose()
    medians = {name: statistics.median(values) for name, values in results.items()}
    reference = reference_total(conninfo, as_of)
    agrees = totals["service"] == totals["endpoint"] == reference
    print(
        f"  as of {as_of}: total {totals['endpoint']} (history reference {reference}: "
        f"{'agrees' if agrees else 'DISAGREES'}; bare GROUP BY of current values {totals['bare']})"
    )
    return medians


def run(*, invoices: int, repeat: int) -> dict[str, float]:
    from shared.migrations import upgrade
    from workbench.stack.broker import free_port
    from workbench.stack.postgres import EmbeddedPostgres

    with tempfile.TemporaryDirectory(prefix="recouvra-bench-") as folder:
        server = EmbeddedPostgres(Path(folder), port=free_port())
        server.start()
        try:
            admin = f"host={server.host} port={server.port} user=postgres dbname=postgres"
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute('CREATE DATABASE "scoring_bench"')
            url = server.url("scoring_bench")
            upgrade("scoring", url)
            conninfo = f"host={server.host} port={server.port} user=postgres dbname=scoring_bench"
            started = time.perf_counter()
            history = load(conninfo, invoices)
            print(
                f"Aged balance: {invoices:,} invoices and {history:,} history rows loaded with COPY in "
                f"{time.perf_counter() - started:.1f} s (embedded PostgreSQL, port {server.port})"
            )
            today = _timings(conninfo, url, TODAY, repeat)
            past_day = TODAY - timedelta(days=45)
            past = _timings(conninfo, url, past_day, repeat)
        finally:
            server.stop()
    result = {"ratio": max(today["endpoint"] / today["bare"], past["endpoint"] / past["bare"])}
    for label, timing in ((f"as of {TODAY} (today)", today), (f"as of {past_day} (history read)", past)):
        print(
            f"  {label}: bare GROUP BY {timing['bare']:.0f} ms | service function {timing['service']:.0f} ms "
            f"({timing['service'] / timing['bare']:.2f}×) | HTTP endpoint {timing['endpoint']:.0f} ms "
            f"({timing['endpoint'] / timing['bare']:.2f}×)"
        )
    print(
        f"  target: endpoint within {TARGET_RATIO}× the bare GROUP BY -> "
        f"{'met' if result['ratio'] <= TARGET_RATIO else 'NOT met'} (worst {result['ratio']:.2f}×)"
    )
    return result
