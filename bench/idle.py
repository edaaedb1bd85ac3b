"""`python -m bench idle [--seconds N]`: what the whole platform costs with nothing to do, and how fast it still
wakes up. The platform is started as `make run` starts it (`bench.platform`); once it is ready and settled, the
CPU time of every one of its processes (five uvicorn services, the broker, PostgreSQL and its backends, the
launcher's mail server and fake provider threads) is summed over the window and given as a share of one core.
Then, after the idle window, one event at a time is committed to intake's outbox (as a use case does) and the
time until each consuming service's inbox holds it is measured."""

from __future__ import annotations

import statistics
import threading
import time
import uuid
from typing import Any

import psutil
import psycopg
from sqlmodel import Session

from shared.clock import SystemClock
from shared.db import make_engine
from shared.events.intake import CreditorRegistered
from shared.outbox import record_event
from workbench.stack.launcher import Stack

from bench import results
from bench.platform import platform_processes, running_platform

CPU_TARGET = 0.05  # share of one core
LATENCY_TARGET_MS = 100.0
CONSUMERS = ("scoring", "dunning", "portal")  # the services that handle CreditorRegistered


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def _launcher_threads_seconds() -> float:
    """This process's threads but the main one: the mail server and the fake provider run here, as under
    `make run`; the main thread is the benchmark's own sampling."""
    main = threading.main_thread().native_id
    return sum(t.user_time + t.system_time for t in psutil.Process().threads() if t.id != main)


def measure_cpu(stack: Stack, seconds: float) -> dict[str, float]:
    """CPU seconds of each part over `seconds`, sampled every second so that a process which starts or ends
    inside the window (a PostgreSQL backend) still counts what it used while seen."""
    started_at = time.time()
    first: dict[int, float] = {}
    last: dict[int, float] = {}
    part_of: dict[int, str] = {}

    def sample() -> None:
        for part, processes in platform_processes(stack).items():
            for process in processes:
                try:
                    used = cpu_seconds(process)
                    if process.pid not in first:
                        born_inside = process.create_time() > started_at
                        first[process.pid] = 0.0 if born_inside else used
                    last[process.pid] = used
                    part_of[process.pid] = part
                except psutil.NoSuchProcess:
                    continue

    launcher_before = _launcher_threads_seconds()
    sample()
    begin = time.monotonic()
    while time.monotonic() - begin < seconds:
        time.sleep(min(1.0, seconds - (time.monotonic() - begin)))
        sample()
    elapsed = time.monotonic() - begin
    parts: dict[str, float] = {"launcher": _launcher_threads_seconds() - launcher_before}
    for pid, used in last.items():
        parts[part_of[pid]] = parts.get(part_of[pid], 0.0) + used - first[pid]
    return {part: used / elapsed for part, used in parts.items()} | {"_elapsed_s": elapsed}


def _publish_one(engine: Any) -> str:
    creditor = str(uuid.uuid4())
    with Session(engine) as session, session.begin():
        envelope = record_event(
            session,
            CreditorRegistered(creditor_id=creditor, name=f"Banc d'essai {creditor[:8]}"),
            clock=SystemClock(),
            subject=creditor,
        )
    return envelope.id


def measure_latency(stack: Stack, *, events: int, gap_s: float) -> list[dict[str, float]]:
    """For each event: milliseconds from the commit in intake's outbox to its row in each consumer's inbox."""
    layout = stack.layout
    engine = make_engine(layout.database_url("intake"), pool_size=1, max_overflow=0, name="bench-idle")
    inboxes = {
        service: psycopg.connect(
            f"host={layout.host} port={layout.pg_port} user=postgres dbname=recouvra_{service}", autocommit=True
        )
        for service in CONSUMERS
    }
    found: list[dict[str, float]] = []
    try:
        for index in range(events):
            if index:
                time.sleep(gap_s)
            event_id = _publish_one(engine)
            committed = time.perf_counter()
            arrived: dict[str, float] = {}
            while len(arrived) < len(inboxes) and time.perf_counter() - committed < 10:
                for service, conn in inboxes.items():
                    if (
                        service not in arrived
                        and conn.execute("SELECT 1 FROM inbox WHERE event_id = %s", (event_id,)).fetchone()
                    ):
                        arrived[service] = (time.perf_counter() - committed) * 1000
                time.sleep(0.002)
            found.append({service: arrived.get(service, float("inf")) for service in inboxes})
    finally:
        for conn in inboxes.values():
            conn.close()
        engine.dispose()
    return found


def run(*, seconds: float = 60.0, settle_s: float = 20.0, events: int = 5, gap_s: float = 5.0) -> dict[str, Any]:
    with running_platform() as stack:
        # A first event wakes every consumer's group join and fills the caches before the quiet period.
        measure_latency(stack, events=1, gap_s=0)
        time.sleep(settle_s)
        cpu = measure_cpu(stack, seconds)
        latencies = measure_latency(stack, events=events, gap_s=gap_s)
    elapsed = cpu.pop("_elapsed_s")
    share = sum(cpu.values())
    first = max(latencies[0].values())
    worst = max(max(each.values()) for each in latencies)
    median = statistics.median(max(each.values()) for each in latencies)
    met = share < CPU_TARGET and worst < LATENCY_TARGET_MS
    breakdown = ", ".join(f"{part} {used:.1%}" for part, used in sorted(cpu.items(), key=lambda kv: -kv[1]))
    print(f"Idle platform (as `make run` starts it) over {elapsed:.0f} s: {share:.1%} of one core ({breakdown})")
    print(
        f"  one event from intake's outbox to the last of its {len(CONSUMERS)} consumers' inboxes, "
        f"{gap_s:.0f} s apart: "
        f"first after the idle window {first:.0f} ms, median {median:.0f} ms, worst {worst:.0f} ms of {events}"
    )
    print(
        f"  targets: under {CPU_TARGET:.0%} of one core -> {'met' if share < CPU_TARGET else 'NOT met'}; "
        f"event under {LATENCY_TARGET_MS:.0f} ms -> {'met' if worst < LATENCY_TARGET_MS else 'NOT met'}"
    )
    results.write(
        "idle",
        ratio=share,
        target=CPU_TARGET,
        better="lower",
        met=met,
        window_s=elapsed,
        cpu_share_by_part=cpu,
        latency_target_ms=LATENCY_TARGET_MS,
        latency_first_ms=first,
        latency_median_ms=median,
        latency_worst_ms=worst,
        latencies_ms=latencies,
    )
    return {"ratio": share, "met": met}
