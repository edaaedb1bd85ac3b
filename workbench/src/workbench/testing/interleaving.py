"""Two transactions at the same moment on a test's own database: one held open while the other runs on a thread of its
own until PostgreSQL shows it waiting for a lock (or it has finished), then the first commits. How the services'
tests show that what two workers, a worker and a job, or a worker and a staff request decide at once is what one
would decide after the other (`docs/architecture.md`, "Several workers, one row")."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from sqlalchemy import Engine, text
from sqlmodel import Session

T = TypeVar("T")

_WAITING = (
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
    "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"
)


def waiting_for_a_lock(engine: Engine) -> bool:
    """Whether a session of the engine's database waits for a lock (each test has a database of its own: its
    sessions are the test's)."""
    with engine.connect() as connection:
        return bool(connection.execute(text(_WAITING)).scalar_one())


class Aside(Generic[T]):
    """`work` run on a thread of its own (in transactions of its own: see `in_transaction`)."""

    def __init__(self, work: Callable[[], T]) -> None:
        self.results: list[T] = []
        self.failures: list[BaseException] = []
        self.thread = threading.Thread(target=self._run, args=(work,), daemon=True)
        self.thread.start()

    def _run(self, work: Callable[[], T]) -> None:
        try:
            self.results.append(work())
        except BaseException as exc:  # handed to the test's thread by `result`
            self.failures.append(exc)

    def waiting_or_done(self, engine: Engine, *, must_wait: bool = False, seconds: float = 10.0) -> None:
        """Returns once PostgreSQL shows a session waiting for a lock, or once the work has finished; with
        `must_wait`, a work that finished without waiting fails the test (the lock it should have met is not
        there). Bounded by `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if waiting_for_a_lock(engine):
                return
            if not self.thread.is_alive():
                if must_wait:
                    raise AssertionError("the work finished without waiting for a lock", self.failures)
                return
            self.thread.join(timeout=0.005)
        raise AssertionError("the work neither finished nor waited for a lock")

    def result(self) -> T:
        self.thread.join(timeout=30)
        assert not self.thread.is_alive(), "the work never finished"
        if self.failures:
            raise self.failures[0]
        return self.results[0]


def in_transaction(engine: Engine, work: Callable[[Session], T]) -> Callable[[], T]:
    """`work` in a transaction of its own, committed: as a consumer applies an event."""

    def run() -> T:
        with Session(engine, expire_on_commit=False) as session, session.begin():
            return work(session)

    return run


def beside(
    engine: Engine,
    first: Callable[[Session], Any],
    second: Callable[[], T],
    *,
    then: Callable[[Session], Any] | None = None,
    must_wait: bool = False,
) -> T:
    """`first` in a transaction held open (a commit of its own only releases a savepoint, so that a service's code
    that commits runs as it is); `second` aside until it waits for a lock or has finished (`Aside.waiting_or_done`);
    then `then` in the first transaction, which commits; `second`'s result once it has finished too."""
    with (
        engine.connect() as connection,
        connection.begin(),
        Session(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False) as session,
    ):
        first(session)
        aside = Aside(second)
        aside.waiting_or_done(engine, must_wait=must_wait)
        if then is not None:
            then(session)
        session.commit()
    return aside.result()
