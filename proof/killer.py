"""Kills one part of the running platform with SIGKILL and restarts it with the stack's own start functions:
a service (its uvicorn process, `Stack._spawn`), the broker (`EmbeddedBroker.start`, empty: the relays notice
and republish), PostgreSQL (the postmaster and every backend, then `EmbeddedPostgres.start`, crash recovery).

The platform clock lives in each service's memory: a restarted service reads the system clock until the portal
sets it again. The killer sets it again once the part is back, and holds the driver's requests (the gate) from
the kill to then; background workers of the restarted service may act in between (see README, Not proven)."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable

import httpx

from workbench.stack.broker import port_open
from workbench.stack.launcher import Stack
from workbench.stack.services import SERVICES

from bench.platform import platform_processes

TARGETS = (*SERVICES, "broker", "postgres")


class Killer:
    def __init__(self, stack: Stack, gate: threading.Event, set_clock: Callable[[], None]) -> None:
        self.stack = stack
        self.gate = gate
        self.set_clock = set_clock
        self.kills: list[tuple[str, float]] = []

    def kill(self, target: str) -> None:
        started = time.monotonic()
        processes = platform_processes(self.stack).get(target, [])
        if not processes:
            raise RuntimeError(f"{target}: no process to kill")
        for process in processes:
            with contextlib.suppress(ProcessLookupError):
                os.kill(process.pid, signal.SIGKILL)
        self.gate.clear()
        try:
            self._restart(target)
            self._wait_ready()
            self.set_clock()
        finally:
            self.gate.set()
        self.kills.append((target, time.monotonic() - started))

    def _restart(self, target: str) -> None:
        stack = self.stack
        if target in SERVICES:
            stack.processes[target].wait(timeout=30)
            stack._spawn(target)  # the launcher's own start of a service process
        elif target == "broker":
            assert stack.broker.process is not None
            stack.broker.process.wait(timeout=30)
            stack.broker.process = None
            deadline = time.monotonic() + 30
            while port_open(stack.layout.host, stack.layout.kafka_port) and time.monotonic() < deadline:
                time.sleep(0.1)
            stack.broker.start()
        elif target == "postgres":
            deadline = time.monotonic() + 30
            while stack.postgres.is_running() and time.monotonic() < deadline:
                time.sleep(0.2)
            stack.postgres.start()
        else:
            raise ValueError(target)

    def _wait_ready(self, timeout_s: float = 180.0) -> None:
        deadline = time.monotonic() + timeout_s
        pending = set(SERVICES)
        while pending:
            for service in sorted(pending):
                try:
                    if httpx.get(f"{self.stack.layout.url(service)}/readyz", timeout=2).status_code == 200:
                        pending.discard(service)
                except httpx.HTTPError:
                    pass
            if pending and time.monotonic() > deadline:
                raise RuntimeError(f"not ready {timeout_s:.0f} s after a kill: {', '.join(sorted(pending))}")
            if pending:
                time.sleep(0.2)


class Schedule:
    """Kills the targets in turn as the flow advances: target k when the flow has done k+1 parts in
    (len(targets)+1) of its planned operations, in a thread of its own."""

    def __init__(self, killer: Killer, targets: tuple[str, ...], planned: int) -> None:
        self.killer = killer
        self.targets = targets
        self.thresholds = [planned * (k + 1) // (len(targets) + 1) for k in range(len(targets))]
        self.done = 0
        self.errors: list[str] = []
        self._moved = threading.Condition()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def tick(self) -> None:
        with self._moved:
            self.done += 1
            self._moved.notify_all()

    def _run(self) -> None:
        for target, threshold in zip(self.targets, self.thresholds, strict=True):
            with self._moved:
                self._moved.wait_for(lambda threshold=threshold: self.done >= threshold)
            try:
                self.killer.kill(target)
            except Exception as exc:  # reported in the figures, never hidden
                self.errors.append(f"{target}: {exc}")
                self.killer.gate.set()

    def finish(self) -> None:
        with self._moved:
            self.done = 1 << 60
            self._moved.notify_all()
        self._thread.join()
