"""`python -m bench pipeline [--cases N] [--pipeline-seconds S]`: the event pipeline from a case's validation to
its score and its first dunning step, on the whole platform as `make run` starts it (`bench.platform`), next to the
broker's own limit measured in the same run.

- Sustained: N `case.validated` events committed to intake's outbox, 100 a transaction, each transaction one COPY
  (`record_events`, the kernel's bulk form of the validation use case's `record_event`; each case with its own
  debtor and one invoice), as fast as one writer can (the validation route commits one case a transaction; one
  writer doing so is held to the disk's commit rate, about 150 a second, and would measure itself, not the
  pipeline); measured from the first commit until scoring has scored every one of them and dunning has scheduled its
  first step. The two branches consume the same event side by side; each one's own rate is printed too, and the
  pipeline's is that of both.
- Latency: one validation every 10 ms (100 cases a second) for S seconds; for each case, the time from its
  commit until it is both scored (in scoring's `scores`) and its first dunning step is in dunning's table (each
  looked for every 5 ms). Then, once the platform has caught up, the same at 10 cases a second: the latency of a
  case that queues behind none.
- CPU: the CPU seconds every process of the platform used during the sustained run, per case done; beside them,
  the benchmark's own (its writer and watchers, which share the machine) and the machine's idle share.
- Against: kafka-python producing N messages of the same size to a topic of the same broker and one consumer
  (with the platform consumers' fetch wait, its partition assigned as theirs are) reading them back, from the first
  send to the last message read.

Targets (issue 17): at least 2,000 cases a second sustained, p99 under 300 ms at 100 cases a second."""

from __future__ import annotations

import contextlib
import os
import statistics
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from typing import Any

import psutil
import psycopg
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import KafkaAdminClient, NewTopic
from sqlmodel import Session

from shared.clock import SystemClock, today_in_paris
from shared.db import make_engine
from shared.demo import DEMO_CREDITOR_ID
from shared.events.intake import CaseValidated, DebtorSnapshot, InvoiceSnapshot
from shared.outbox import record_events
from workbench.stack.launcher import Stack

from bench import results
from bench.idle import cpu_seconds
from bench.platform import platform_processes, running_platform

RATE_TARGET = 2_000.0  # cases a second
P99_TARGET_MS = 300.0
PACE_PER_S = 100
LOW_PACE_PER_S = 10  # a pace the platform keeps up with on 2 cores: the latency of a case not queued behind others
WRITE_BATCH = 100  # cases a transaction in the sustained run: the writer is not what is measured
WATCH_AT_ONCE = 500
PART = "cpu_ms_per_case_"  # the key prefix of one part's CPU per case
SAMPLE_BYTES = 1_200


def _validated(index: int) -> CaseValidated:
    """A case whose invoice falls due in 30 days: its first step is scheduled, not yet due. With a due date in the
    past, the scheduler woken by every event tried to prepare the step in sending hours (08:00-20:00, Paris) and
    read the case from intake, which never had it (404): the run measured the time of day as well."""
    case_id, debtor_id, invoice_id = (str(uuid.uuid4()) for _ in range(3))
    due = today_in_paris(SystemClock()) + timedelta(days=30)
    return CaseValidated(
        case_id=case_id,
        creditor_id=str(DEMO_CREDITOR_ID),
        reference=f"BENCH-{index:07d}",
        kind="b2b",
        status="amicable",
        # the case creditor's view of the debtor, as intake sends it (`intake.debtors.records.snapshot`)
        debtor=DebtorSnapshot(
            debtor_id=debtor_id,
            type="company",
            name=f"Banc d'essai {index}",
            has_email=True,
            creditor_id=str(DEMO_CREDITOR_ID),
        ),
        invoices=[
            InvoiceSnapshot(
                invoice_id=invoice_id,
                number=f"F-{index:07d}",
                issue_date=due - timedelta(days=30),
                due_date=due,
                amount=Decimal("1200.00"),
                currency="EUR",
                outstanding=Decimal("1200.00"),
            )
        ],
    )


# Where each branch of the pipeline shows a case done: dunning has scheduled its first step, scoring has scored it.
SCHEDULED = ("recouvra_dunning", "SELECT DISTINCT case_id::text FROM dunning_steps WHERE case_id = ANY(%s::uuid[])")
SCORED = ("recouvra_scoring", "SELECT DISTINCT case_id::text FROM scores WHERE case_id = ANY(%s::uuid[])")


class _Watcher:
    """Looks every 5 ms for the cases one branch has done (`SCHEDULED`, `SCORED`), and notes when each was seen."""

    def __init__(self, stack: Stack, branch: tuple[str, str]) -> None:
        layout = stack.layout
        database, self.query = branch
        self.conn = psycopg.connect(
            f"host={layout.host} port={layout.pg_port} user=postgres dbname={database}", autocommit=True
        )
        self.pending: dict[str, float] = {}  # case id -> commit instant
        self.seen: dict[str, float] = {}  # case id -> seconds from commit to seen
        self.last_seen_at = 0.0  # when the last case was first seen (perf_counter)
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def expect(self, case_id: str, committed: float) -> None:
        with self.lock:
            self.pending[case_id] = committed

    def run(self) -> None:
        while not self.stop.is_set():
            with self.lock:  # the oldest first, a bounded look: thousands of ids every 5 ms would load the platform
                waiting = list(self.pending)[:WATCH_AT_ONCE]
            if waiting:
                rows = self.conn.execute(self.query, (waiting,)).fetchall()
                now = time.perf_counter()
                with self.lock:
                    for (case_id,) in rows:
                        self.seen[case_id] = now - self.pending.pop(case_id)
                    if rows:
                        self.last_seen_at = now
            self.stop.wait(0.005)


def _commit(engine: Any, *events: CaseValidated) -> float:
    with Session(engine) as session, session.begin():
        record_events(session, ((event, event.case_id, event.creditor_id) for event in events), clock=SystemClock())
    return time.perf_counter()


def _until_all_seen(watchers: list[_Watcher], count: int, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while any(len(watcher.seen) < count for watcher in watchers) and time.monotonic() < deadline:
        time.sleep(0.05)


@contextlib.contextmanager
def _watching(stack: Stack) -> Iterator[list[_Watcher]]:
    """Both branches watched, each from its own thread: [scheduled by dunning, scored by scoring]."""
    watchers = [_Watcher(stack, SCHEDULED), _Watcher(stack, SCORED)]
    threads = [threading.Thread(target=watcher.run, daemon=True) for watcher in watchers]
    for thread in threads:
        thread.start()
    try:
        yield watchers
    finally:
        for watcher, thread in zip(watchers, threads, strict=True):
            watcher.stop.set()
            thread.join()
            watcher.conn.close()


def _both(watchers: list[_Watcher]) -> dict[str, float]:
    """Seconds from commit until the case was done on both branches, for the cases done on both."""
    scheduled, scored = (watcher.seen for watcher in watchers)
    return {case: max(after, scored[case]) for case, after in scheduled.items() if case in scored}


def _cpu_by_part(stack: Stack) -> dict[int, tuple[str, float]]:
    """Each platform process's CPU seconds so far, by pid, with the part it belongs to."""
    seen: dict[int, tuple[str, float]] = {}
    for part, processes in platform_processes(stack).items():
        for process in processes:
            with contextlib.suppress(psutil.NoSuchProcess):
                seen[process.pid] = (part, cpu_seconds(process))
    return seen


def _cpu_used(stack: Stack, before: dict[int, tuple[str, float]]) -> dict[str, float]:
    """CPU seconds each part used since `before` (a PostgreSQL backend that ended in between is not counted)."""
    used: dict[str, float] = {}
    for pid, (part, now) in _cpu_by_part(stack).items():
        used[part] = used.get(part, 0.0) + now - before.get(pid, (part, 0.0))[1]
    return used


def _settle(stack: Stack, timeout_s: float = 300.0) -> None:
    """Wait until the platform has caught up (under a fifth of a core over a second): the services slower than
    dunning are still applying the events of a run it has finished."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        before = _cpu_by_part(stack)
        time.sleep(1.0)
        if sum(_cpu_used(stack, before).values()) < 0.2:
            return


def _idle_share(before: Any, after: Any) -> float:
    """The share of the machine's CPU time left idle between two `psutil.cpu_times()`."""

    def spent(times: Any, names: tuple[str, ...]) -> float:
        return sum(getattr(times, name, 0.0) for name in names)

    idle, every = ("idle", "iowait"), ("user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal")
    return (spent(after, idle) - spent(before, idle)) / max(spent(after, every) - spent(before, every), 1e-9)


def sustained(stack: Stack, cases: int) -> dict[str, float]:
    layout = stack.layout
    engine = make_engine(layout.database_url("intake"), pool_size=1, max_overflow=0, name="bench-pipeline")
    events = [_validated(index) for index in range(cases)]
    with _watching(stack) as watchers:
        cpu_before = _cpu_by_part(stack)
        own_before, machine_before = cpu_seconds(psutil.Process()), psutil.cpu_times()
        started = time.perf_counter()
        try:
            for start in range(0, cases, WRITE_BATCH):
                batch = events[start : start + WRITE_BATCH]
                committed = _commit(engine, *batch)
                for watcher in watchers:
                    for event in batch:
                        watcher.expect(event.case_id, committed)
            written = time.perf_counter() - started
            _until_all_seen(watchers, cases, timeout_s=max(120.0, cases / 10))
            elapsed = time.perf_counter() - started
            cpu = _cpu_used(stack, cpu_before)
            own, idle = cpu_seconds(psutil.Process()) - own_before, _idle_share(machine_before, psutil.cpu_times())
        finally:
            engine.dispose()
    scheduled, scored = (watcher.seen for watcher in watchers)
    done = len(_both(watchers))
    return {
        "cases": cases,
        "done": done,
        "scheduled": len(scheduled),
        "scored": len(scored),
        "written_per_s": cases / written,
        "cases_per_s": done / elapsed,
        "elapsed_s": elapsed,
        # Each branch's own rate: its cases over the time from the first commit until it was seen doing its last.
        "scheduled_per_s": len(scheduled) / max(watchers[0].last_seen_at - started, 1e-9),
        "scored_per_s": len(scored) / max(watchers[1].last_seen_at - started, 1e-9),
        "cpu_ms_per_case": 1000 * sum(cpu.values()) / max(1, done),
        "benchmark_cpu_ms_per_case": 1000 * own / max(1, done),
        "machine_idle_share": idle,
        **{f"{PART}{part}": 1000 * seconds / max(1, done) for part, seconds in sorted(cpu.items())},
    }


def paced(stack: Stack, seconds: float, pace: float = PACE_PER_S) -> list[float]:
    """Milliseconds from commit until the case is scheduled and scored, one case every 1/pace s for `seconds`."""
    layout = stack.layout
    engine = make_engine(layout.database_url("intake"), pool_size=1, max_overflow=0, name="bench-pipeline")
    count = int(seconds * pace)
    events = [_validated(1_000_000 + index) for index in range(count)]
    with _watching(stack) as watchers:
        try:
            begin = time.perf_counter()
            for index, event in enumerate(events):
                slot = begin + index / pace
                if (ahead := slot - time.perf_counter()) > 0:
                    time.sleep(ahead)  # the load generator's pacing, not a wait for the result
                committed = _commit(engine, event)
                for watcher in watchers:
                    watcher.expect(event.case_id, committed)
            _until_all_seen(watchers, count, timeout_s=120.0)
        finally:
            engine.dispose()
    done = _both(watchers)
    return sorted(seconds * 1000 for seconds in done.values()) + [float("inf")] * (count - len(done))


def raw_kafka(stack: Stack, messages: int) -> float:
    """Messages a second from the first send to the last message read, one producer and one consumer."""
    bootstrap = stack.layout.bootstrap
    topic = f"bench.raw.{uuid.uuid4().hex[:8]}"
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1)])
    admin.close()
    payload = b"x" * SAMPLE_BYTES
    consumer = KafkaConsumer(  # the fetch wait and metrics of the platform's own consumers in the embedded profile
        bootstrap_servers=bootstrap,
        metrics_enabled=False,
        auto_offset_reset="earliest",
        fetch_max_wait_ms=int(stack.layout.environment("intake").get("RECOUVRA_KAFKA_FETCH_MAX_WAIT_MS", "500")),
    )
    # Its partition assigned, no group, as the platform's consumers read under the embedded broker: the broker's
    # group join takes about 20 s, and a consumer subscribed measured that instead of delivery (47 messages/s).
    consumer.assign([TopicPartition(topic, 0)])
    producer = KafkaProducer(bootstrap_servers=bootstrap, linger_ms=5, metrics_enabled=False)
    started = time.perf_counter()
    for index in range(messages):
        producer.send(topic, key=str(index % 64).encode(), value=payload)
    producer.flush()
    read = 0
    deadline = time.monotonic() + 120
    while read < messages and time.monotonic() < deadline:
        for records in consumer.poll(timeout_ms=500).values():
            read += len(records)
    elapsed = time.perf_counter() - started
    producer.close()
    consumer.close()
    return read / elapsed


def _percentile(values: list[float], share: float) -> float:
    return values[min(len(values) - 1, int(share * len(values)))]


def run(*, cases: int = 5_000, seconds: float = 10.0) -> dict[str, Any]:
    with running_platform() as stack:
        _commit_warmup(stack)
        rate = sustained(stack, cases)
        _settle(stack)  # legal and the portal, which the sustained run does not wait for, still apply its events
        latencies = paced(stack, seconds)
        _settle(stack)
        unhurried = paced(stack, seconds, pace=LOW_PACE_PER_S)
        raw = raw_kafka(stack, cases)
    p50, p99 = statistics.median(latencies), _percentile(latencies, 0.99)
    low_p50, low_p99 = statistics.median(unhurried), _percentile(unhurried, 0.99)
    ratio = rate["cases_per_s"] / raw
    met = rate["cases_per_s"] >= RATE_TARGET and p99 < P99_TARGET_MS
    print(
        f"Event pipeline (case.validated -> scored by scoring and first dunning step scheduled by dunning), "
        f"platform as `make run` starts it:\n"
        f"  sustained: {rate['done']:,.0f} of {cases:,} cases scored and scheduled in {rate['elapsed_s']:.1f} s: "
        f"{rate['cases_per_s']:,.0f} cases/s (dunning scheduled {rate['scheduled']:,.0f} at "
        f"{rate['scheduled_per_s']:,.0f}/s, scoring scored {rate['scored']:,.0f} at {rate['scored_per_s']:,.0f}/s; "
        f"one writer committed {rate['written_per_s']:,.0f}/s, {WRITE_BATCH} a transaction) | raw kafka-python "
        f"produce -> consume on the same broker {raw:,.0f} messages/s ({ratio:.1%})\n"
        f"  CPU per case, the whole platform: {rate['cpu_ms_per_case']:.1f} ms ("
        + ", ".join(f"{k.removeprefix(PART)} {v:.1f}" for k, v in rate.items() if k.startswith(PART))
        + f"); {os.cpu_count()} cores allow at most {1000 * (os.cpu_count() or 1) / rate['cpu_ms_per_case']:,.0f} "
        f"cases/s; the benchmark's own writer and watchers {rate['benchmark_cpu_ms_per_case']:.2f} ms a case, the "
        f"machine idle {rate['machine_idle_share']:.0%} of the run\n"
        f"  at {PACE_PER_S} cases/s for {seconds:.0f} s: p50 {p50:.0f} ms, p99 {p99:.0f} ms\n"
        f"  at {LOW_PACE_PER_S} cases/s for {seconds:.0f} s (below what the platform sustains: a case's own path): "
        f"p50 {low_p50:.0f} ms, p99 {low_p99:.0f} ms\n"
        f"  targets: {RATE_TARGET:,.0f} cases/s -> {'met' if rate['cases_per_s'] >= RATE_TARGET else 'NOT met'}; "
        f"p99 under {P99_TARGET_MS:.0f} ms -> {'met' if p99 < P99_TARGET_MS else 'NOT met'}"
    )
    results.write(
        "pipeline",
        ratio=rate["cases_per_s"] / RATE_TARGET,
        target=1.0,
        better="higher",
        met=met,
        cases_per_s=rate["cases_per_s"],
        rate_target=RATE_TARGET,
        raw_kafka_per_s=raw,
        ratio_to_raw_kafka=ratio,
        p50_ms=p50,
        p99_ms=p99,
        p99_target_ms=P99_TARGET_MS,
        low_pace_per_s=LOW_PACE_PER_S,
        low_pace_p50_ms=low_p50,
        low_pace_p99_ms=low_p99,
        **{key: value for key, value in rate.items() if key != "cases_per_s"},
    )
    return {"met": met}


def _commit_warmup(stack: Stack) -> None:
    """One case through the pipeline first: the consumers' group joins and caches are not what is measured."""
    sustained(stack, 1)
