"""Scheduler passes asked for through the API, run in the background and followed by their id.

A pass over a large portfolio is long work (issue 18's 5,000-case proof: some 3,600 letters rendered in one pass took
over eight minutes), longer than any client or proxy waits for one answer. A requested pass therefore runs on a
thread of its own, one pass at a time with the worker's (`Scheduler.run_pass` holds the process's pass lock); the
request waits a few seconds for it and otherwise answers with where to follow it.

A request made while an earlier requested pass has not started yet joins that one: it starts after both requests,
so it covers what was due at either. A request made while one is running gets a new pass, queued behind it, whose
answer means "what was due when I asked is done" (the guarantee `POST /admin/run` has always given). The runs are
kept in the process's memory, the last `KEPT` of them: after a restart an id is unknown, and asking for a pass
again is safe (a pass takes each due step once)."""

from __future__ import annotations

import logging
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from shared.clock import Clock

log = logging.getLogger(__name__)

KEPT = 50
RunPass = Callable[[Callable[[], None]], dict[str, Any]]


@dataclass
class PassRun:
    id: uuid.UUID
    requested_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    report: dict[str, Any] | None = None
    failure: str | None = None
    done: threading.Event = field(default_factory=threading.Event)

    @property
    def status(self) -> str:
        if self.done.is_set():
            return "failed" if self.failure else "done"
        return "running" if self.started_at is not None else "queued"


class PassRuns:
    def __init__(self, run_pass: RunPass, clock: Clock) -> None:
        """`run_pass(started)`: `Scheduler.run_pass`, which calls `started` once it holds the pass lock."""
        self._run_pass = run_pass
        self._clock = clock
        self._lock = threading.Lock()
        self._runs: OrderedDict[uuid.UUID, PassRun] = OrderedDict()
        self._queued: PassRun | None = None

    def request(self) -> PassRun:
        """The pass that answers this request: the one not started yet, or a new one queued behind the others."""
        with self._lock:
            if self._queued is not None:
                return self._queued
            run = PassRun(id=uuid.uuid4(), requested_at=self._clock.now())
            self._queued = run
            self._runs[run.id] = run
            while len(self._runs) > KEPT:
                self._runs.popitem(last=False)
        threading.Thread(target=self._run, args=(run,), name=f"dunning-pass-{run.id}", daemon=True).start()
        return run

    def get(self, run_id: uuid.UUID) -> PassRun | None:
        with self._lock:
            return self._runs.get(run_id)

    def _run(self, run: PassRun) -> None:
        def started() -> None:
            with self._lock:
                if self._queued is run:
                    self._queued = None  # a request from now on asks for a pass of its own
                run.started_at = self._clock.now()

        try:
            run.report = self._run_pass(started)
        except Exception as exc:
            log.exception("requested dunning pass %s failed", run.id)
            run.failure = f"{type(exc).__name__}: {exc}"
        finally:
            with self._lock:
                if self._queued is run:
                    self._queued = None
            run.finished_at = self._clock.now()
            run.done.set()
