"""Database engine and sessions. Each service owns one PostgreSQL database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, create_engine


def make_engine(
    url: str,
    *,
    pool_size: int = 10,
    max_overflow: int | None = None,
    pool_timeout_s: float = 30.0,
    name: str | None = None,
) -> Engine:
    """`pool_timeout_s` is how long a checkout waits for a free connection before sqlalchemy's TimeoutError;
    the web kernel answers that error 503 (an API engine waits a second or two, a worker's engine longer).
    `name` is shown to PostgreSQL as the application name (`pg_stat_activity` tells the pools apart)."""
    if not url:
        raise RuntimeError(
            "no database URL configured: set <SERVICE>_DATABASE_URL (or run `make run` for the embedded default)"
        )
    connect_args = {"application_name": name} if name and make_url(url).get_backend_name() == "postgresql" else {}
    return create_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size if max_overflow is None else max_overflow,
        pool_timeout=pool_timeout_s,
        pool_pre_ping=True,
        connect_args=connect_args,
    )


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
