"""French CSVs of 100,000 and 1,000,000 rows imported by intake's background job, against the machine's own limit
measured in the same run: the same cases and invoices loaded with a bare PostgreSQL COPY.

The job validates every row with the API's rules, recognises debtors, refuses duplicates, writes the
outbox events and the audit, in batches; COPY only writes rows. The ratio says what that work costs (the worse
of the two files: a job that slows down as its tables grow shows it on the large one). The job's memory is
measured too: the peak resident size grows by the same few MB whether the file has 25,000, 100,000 or 1,000,000
rows, because the parser streams and a batch holds at most `intake.imports.jobs.BATCH` rows.
"""

from __future__ import annotations

import gc
import io
import resource
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from sqlmodel import Session

from shared.auth import Principal, Role
from shared.clock import SettableClock
from shared.db import make_engine
from shared.migrations import upgrade
from workbench.stack.broker import free_port
from workbench.stack.postgres import EmbeddedPostgres

from bench.import_floor import storing_seconds


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _import(url: str, folder: Path, rows: int) -> tuple[float, float, uuid.UUID]:
    """Seconds taken by the job, how much the process's peak resident size grew (MB) while it ran, and its id."""
    from workbench import samples

    from intake.creditors.registry import register_creditor
    from intake.creditors.schemas import CreditorCreate
    from intake.documents.storage import LocalDiskStore
    from intake.imports.jobs import run_import, submit_import
    from intake.imports.models import ImportJob

    clock = SettableClock(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    engine = make_engine(url)
    store = LocalDiskStore(folder / f"store-{rows}")
    csv_path = folder / f"import-{rows}.csv"
    with open(csv_path, "wb") as out:
        samples.write_french_csv(out, samples.numbered_rows(rows))
    with Session(engine, expire_on_commit=False) as session:
        creditor = register_creditor(
            session=session, creditor_in=CreditorCreate(name=f"Bench {rows}"), clock=clock, actor=None
        )
        principal = Principal(subject="bench", role=Role.CREDITOR, creditor_id=str(creditor.id))
        with open(csv_path, "rb") as source:
            job = submit_import(
                session=session,
                store=store,
                source=source,
                filename=csv_path.name,
                creditor_id=None,
                max_bytes=1 << 30,
                principal=principal,
                clock=clock,
            )
    before = _peak_rss_mb()
    # The job runs in intake's process, whose heap is frozen once it has started (`shared.web`): its collections
    # skip the modules and schemas loaded before it. Unfrozen, three full passes took 7 % of a 30,000-row job.
    gc.freeze()
    started = time.perf_counter()
    try:
        run_import(engine=engine, store=store, import_id=job.id, clock=clock)
    finally:
        gc.unfreeze()
    elapsed = time.perf_counter() - started
    with Session(engine) as session:
        done = session.get(ImportJob, job.id)
        assert done is not None and done.status == "done" and done.accepted == rows, (done.status, done.accepted)
    engine.dispose()
    return elapsed, _peak_rss_mb() - before, job.id


def _copy_baseline(conninfo: str, rows: int) -> float:
    """The same number of cases (a third of the rows) and invoices, written with COPY into scratch tables."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("CREATE TEMP TABLE c (id uuid, creditor_id uuid, reference text, status text)")
        conn.execute(
            "CREATE TEMP TABLE i (id uuid, case_id uuid, number text, issue_date date, due_date date,"
            " amount numeric(14,2), outstanding numeric(14,2))"
        )
        creditor = uuid.uuid4()
        cases = [uuid.uuid4() for _ in range(rows // 3 + 1)]
        started = time.perf_counter()
        with conn.cursor() as cur, cur.copy("COPY c FROM STDIN") as copy:
            buffer = io.StringIO()
            for n, case in enumerate(cases):
                buffer.write(f"{case}\t{creditor}\tDOS-{n:06d}\tsubmitted\n")
            copy.write(buffer.getvalue())
        with conn.cursor() as cur, cur.copy("COPY i FROM STDIN") as copy:
            buffer = io.StringIO()
            for n in range(rows):
                amount = f"{n % 100_000}.99"
                buffer.write(
                    f"{uuid.uuid4()}\t{cases[n // 3]}\tF-{n:07d}\t2025-01-01\t2025-03-01\t{amount}\t{amount}\n"
                )
            copy.write(buffer.getvalue())
        return time.perf_counter() - started


def run(rows: int = 100_000, large_rows: int = 1_000_000) -> dict[str, float]:
    """The job on a quarter of `rows` (for the memory figure), on `rows`, then on `large_rows` (0: skipped), each
    next to a bare COPY of as many rows; the ratio is the worse of the two."""
    with tempfile.TemporaryDirectory(prefix="recouvra-bench-import-") as name:
        folder = Path(name)
        server = EmbeddedPostgres(folder / "pg", port=free_port())
        server.start()
        try:
            admin = f"host={server.host} port={server.port} user=postgres dbname=postgres"
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute('CREATE DATABASE "intake"')
            url = server.url("intake")
            upgrade("intake", url)
            conninfo = f"host={server.host} port={server.port} user=postgres dbname=intake"
            small_seconds, small_growth, _ = _import(url, folder, rows // 4)
            seconds, growth, job_id = _import(url, folder, rows)
            copy_seconds = _copy_baseline(conninfo, rows)
            floor_seconds, floor_tables = storing_seconds(conninfo, job_id)
            large = (
                (*_import(url, folder, large_rows)[:2], _copy_baseline(conninfo, large_rows)) if large_rows else None
            )
        finally:
            server.stop()
    result = {
        "rows": rows,
        "job_seconds": seconds,
        "rows_per_second": rows / seconds,
        "copy_seconds": copy_seconds,
        "ratio_to_copy": seconds / copy_seconds,
        "peak_rss_growth_mb": growth,
        "peak_rss_growth_mb_quarter_file": small_growth,
        "quarter_file_seconds": small_seconds,
        "storing_seconds": floor_seconds,
        "storing_seconds_by_table": floor_tables,
        "storing_ratio_to_copy": floor_seconds / copy_seconds,
        "job_ratio_to_storing": seconds / floor_seconds,
    }
    print(
        f"intake import of {rows:,} CSV rows: {seconds:.1f} s ({rows / seconds:,.0f} rows/s); "
        f"bare COPY of the same rows: {copy_seconds:.2f} s; ratio {seconds / copy_seconds:.0f}×"
    )
    tables = ", ".join(f"{table} {spent:.2f} s" for table, spent in floor_tables.items())
    print(
        f"  PostgreSQL alone storing the job's own rows again (COPY of their text into the real tables: {tables}): "
        f"{floor_seconds:.2f} s, {floor_seconds / copy_seconds:.1f}× the bare COPY; the job takes "
        f"{seconds / floor_seconds:.1f}× that"
    )
    memory = f"{growth:.1f} MB for {rows:,} rows, {small_growth:.1f} MB for {rows // 4:,} rows"
    if large is not None:
        large_seconds, large_growth, large_copy = large
        result |= {
            "large_rows": large_rows,
            "large_job_seconds": large_seconds,
            "large_rows_per_second": large_rows / large_seconds,
            "large_copy_seconds": large_copy,
            "large_ratio_to_copy": large_seconds / large_copy,
            "peak_rss_growth_mb_large_file": large_growth,
            "ratio_to_copy": max(seconds / copy_seconds, large_seconds / large_copy),
        }
        print(
            f"intake import of {large_rows:,} CSV rows: {large_seconds:.1f} s ({large_rows / large_seconds:,.0f} "
            f"rows/s); bare COPY of the same rows: {large_copy:.2f} s; ratio {large_seconds / large_copy:.0f}×"
        )
        memory = f"{large_growth:.1f} MB for {large_rows:,} rows, {memory}"
    print(f"peak resident memory growth: {memory}")
    return result
