"""The pool checks a connection before handing it out only when it waited in the pool (`shared.db.ping_when_idle`),
on real PostgreSQL: a connection the database closed while it waited is replaced unseen; one returned a moment
before is handed out as is, and a request that finds it closed is answered 503, not 500."""

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from shared.db import make_engine

from portal.main import create_app

ADMIN = {"grant_type": "password", "username": "admin@demo.example", "password": "demo-password"}


def backend(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())


def close_from_the_database(url: str, where: str, **params: object) -> int:
    """As a restarted database does: ends the sessions `where` names; returns how many."""
    other = make_engine(url, pool_size=1)
    try:
        with other.connect() as connection:
            ended = connection.execute(
                text(f"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE {where}"), params
            ).scalar_one()
        return int(ended)
    finally:
        other.dispose()


def test_a_connection_that_waited_is_checked_and_replaced_when_the_database_closed_it(settings_for):
    url = settings_for("portal").database_url
    engine = make_engine(url, pool_size=1, max_overflow=0, ping_after_idle_s=0.0)  # every wait is long enough
    try:
        first = backend(engine)
        assert close_from_the_database(url, "pid = :pid", pid=first) == 1
        assert backend(engine) != first  # the closed connection was found and replaced before use
    finally:
        engine.dispose()


def test_a_ping_failing_before_the_connection_reads_closed_still_replaces_it(settings_for, monkeypatch):
    """The race a server-ended session can show: the ping fails while psycopg has not yet marked the connection
    closed, and the dialect's restoring of autocommit raises ProgrammingError, which it does not read as a
    disconnect. The connection is replaced all the same, rather than the error reaching the request."""
    url = settings_for("portal").database_url
    engine = make_engine(url, pool_size=1, max_overflow=0, ping_after_idle_s=0.0)
    try:
        first = backend(engine)
        failures = [psycopg.ProgrammingError("can't change 'autocommit' now: connection in transaction status ACTIVE")]
        real_ping = engine.dialect.do_ping

        def ping(dbapi_connection: object) -> bool:
            if failures:
                raise failures.pop()
            return bool(real_ping(dbapi_connection))

        monkeypatch.setattr(engine.dialect, "do_ping", ping)
        assert backend(engine) != first
        assert not failures
    finally:
        engine.dispose()


def test_a_connection_returned_a_moment_before_is_handed_out_unchecked(settings_for):
    url = settings_for("portal").database_url
    engine = make_engine(url, pool_size=1, max_overflow=0, ping_after_idle_s=3600.0)
    try:
        first = backend(engine)
        assert close_from_the_database(url, "pid = :pid", pid=first) == 1
        with pytest.raises(OperationalError) as lost:
            backend(engine)  # no check: the statement itself finds the connection closed
        assert lost.value.connection_invalidated
        assert backend(engine) != first  # the pool dropped it: the next use has a new one
    finally:
        engine.dispose()


def test_a_request_whose_database_connection_was_lost_is_answered_503_and_the_next_one_served(settings_for, clock):
    settings = settings_for("portal", seed_demo=True, db_ping_after_idle_s=3600.0)
    with TestClient(create_app(settings, clock=clock)) as client:
        token = client.post("/api/v1/auth/token", data=ADMIN).json()["access_token"]
        client.headers["Authorization"] = f"Bearer {token}"
        assert client.get("/api/v1/users").status_code == 200
        api_sessions = "datname = current_database() AND application_name = 'portal-api'"
        assert close_from_the_database(settings.database_url, api_sessions) >= 1

        lost = client.get("/api/v1/users", headers={"Accept-Language": "en"})
        assert lost.status_code == 503, lost.text
        assert lost.headers["Retry-After"] == "1"
        assert "connection to the database was lost" in lost.json()["detail"]
        assert client.get("/api/v1/users").status_code == 200
