"""Database engine and sessions. Each service owns one PostgreSQL database."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InvalidatePoolError
from sqlmodel import Session, create_engine

PING_AFTER_IDLE_S = 1.0
"""A pooled connection idle this long is checked (a round trip) before it is handed out; one in use a moment
before is not (issue 17: that check was one round trip of every request and every consumer batch)."""
_RETURNED = "recouvra_returned_at"

CONFLICTS = frozenset({"40P01", "40001"})
"""PostgreSQL's deadlock_detected and serialization_failure (psycopg's `DeadlockDetected`, `SerializationFailure`;
SQLAlchemy wraps both as `OperationalError`): it rolled this transaction back so that another could go on. The
database is up and the work is not at fault; the same work tried again once the other has committed succeeds."""


def is_conflict(exc: BaseException) -> bool:
    return isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlstate", None) in CONFLICTS


def make_engine(
    url: str,
    *,
    pool_size: int = 10,
    max_overflow: int | None = None,
    pool_timeout_s: float = 30.0,
    name: str | None = None,
    ping_after_idle_s: float = PING_AFTER_IDLE_S,
) -> Engine:
    """`pool_timeout_s` is how long a checkout waits for a free connection before sqlalchemy's TimeoutError;
    the web kernel answers that error 503 (an API engine waits a second or two, a worker's engine longer).
    `name` is shown to PostgreSQL as the application name (`pg_stat_activity` tells the pools apart)."""
    if not url:
        raise RuntimeError(
            "no database URL configured: set <SERVICE>_DATABASE_URL (or run `make run` for the embedded default)"
        )
    connect_args = {"application_name": name} if name and make_url(url).get_backend_name() == "postgresql" else {}
    engine = create_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size if max_overflow is None else max_overflow,
        pool_timeout=pool_timeout_s,
        connect_args=connect_args,
    )
    ping_when_idle(engine, ping_after_idle_s)
    return engine


def ping_when_idle(engine: Engine, idle_s: float) -> None:
    """The pool's check of a connection before handing it out (SQLAlchemy's `pool_pre_ping`), only for a
    connection that waited in the pool `idle_s` or longer: a database restarted since is found there, the pool
    drops every connection it holds and hands out a new one. A connection returned a moment before is handed out
    as is; were the database to go away in that moment, the request using it fails and is answered 503
    (`shared.web_errors`), and the pool drops its connections then."""
    dialect = engine.dialect

    @event.listens_for(engine, "checkin")
    def _returned(dbapi_connection: Any, record: Any) -> None:
        record.info[_RETURNED] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        returned = record.info.get(_RETURNED)  # none yet: a new connection, just made
        if returned is None or time.monotonic() - returned < idle_s:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as exc:
            # Any error answering `;` means this connection cannot serve, not only the ones the dialect reads as
            # a disconnect: a session ended by the server (`pg_terminate_backend`, a restart) may fail the ping
            # before psycopg marks it closed, and the dialect's restoring of autocommit then raises
            # ProgrammingError ("connection in transaction status ACTIVE") over it. The pool drops its
            # connections and makes a new one; a database really gone fails that connect, answered 503.
            raise InvalidatePoolError("the database closed this connection") from exc


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: commits on success, rolls back on any error."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


def ensure_database(url: str) -> bool:
    """Create the database named in `url` if it does not exist. Returns True when it was created."""
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target.database}).scalar()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{target.database}"'))
                return True
            return False
    finally:
        admin.dispose()


def database_is_reachable(engine: Engine) -> bool:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:
        return False
