"""The API's reads on the event loop (`shared.async_reads`), on real PostgreSQL: rows as a session's plain read gives
them, a connection reused after a statement that went through and closed after one that failed or was cancelled, a
503 when none comes free, a connection the database closed while it waited replaced unseen, and the same rows
through a session outside the server's loop."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolExhausted
from sqlmodel import Session

from shared.async_reads import ReadConnections, SessionReads, read_connections, reads_of
from shared.db import make_engine
from shared.plain_reads import plain_rows

NAME = "async-reads-test"
SQL = "SELECT g, g * 2, %(word)s FROM generate_series(1, %(n)s) g ORDER BY g"


@pytest.fixture
def engine(settings_for):
    engine = make_engine(settings_for("intake").database_url, pool_size=2)
    yield engine
    engine.dispose()


async def running_on_the_server(engine, statement: str) -> None:
    """Returns once PostgreSQL runs `statement` for the reads under test (seen in `pg_stat_activity`)."""
    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as watcher:
        for _ in range(500):  # bounded: 500 looks, a few seconds at most
            found = await watcher.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = %(name)s AND state = 'active'"
                " AND query LIKE %(query)s",
                {"name": NAME, "query": f"%{statement}%"},
            )
            if (await found.fetchone()) != (0,):
                return
        raise AssertionError(f"{statement} never reached the server")


def on_loop(engine, test: Callable[[ReadConnections], Awaitable[Any]], *, limit: int = 2, wait_s: float = 1.0) -> Any:
    async def run() -> Any:
        reads = read_connections(engine, limit=limit, wait_s=wait_s, name=NAME)
        try:
            return await test(reads)
        finally:
            await reads.close()

    return asyncio.run(run())


def test_the_rows_are_a_sessions_and_the_connection_is_kept_for_the_next_read(engine):
    with Session(engine) as session:
        expected = plain_rows(session, SQL, {"word": "dossier", "n": 3})

    async def test(reads: ReadConnections) -> None:
        assert await reads.rows(SQL, {"word": "dossier", "n": 3}) == expected
        pid = (await reads.rows("SELECT pg_backend_pid()", {}))[0][0]
        assert reads.idle == 1 and (await reads.rows("SELECT pg_backend_pid()", {}))[0][0] == pid

    on_loop(engine, test)


def test_a_failed_statement_is_a_database_error_and_its_connection_is_closed(engine):
    async def test(reads: ReadConnections) -> None:
        await reads.rows("SELECT 1", {})
        with pytest.raises(DBAPIError) as failed:
            await reads.rows("SELECT 1 / %(zero)s", {"zero": 0})
        assert not failed.value.connection_invalidated  # the statement failed, not the database: a 500, logged
        assert reads.idle == 0
        assert await reads.rows("SELECT 2", {}) == [(2,)]

    on_loop(engine, test)


def test_a_read_cancelled_mid_statement_leaves_its_connection_out(engine):
    async def test(reads: ReadConnections) -> None:
        slow = asyncio.create_task(reads.rows("SELECT pg_sleep(5)", {}))
        await running_on_the_server(engine, "pg_sleep(5)")
        slow.cancel()
        with pytest.raises(asyncio.CancelledError):
            await slow
        assert reads.idle == 0
        assert await reads.rows("SELECT 3", {}) == [(3,)]  # its slot was given back, a new connection serves

    on_loop(engine, test)


def test_no_connection_free_within_the_wait_is_the_pools_503(engine):
    async def test(reads: ReadConnections) -> None:
        slow = asyncio.create_task(reads.rows("SELECT pg_sleep(0.5)", {}))
        await running_on_the_server(engine, "pg_sleep(0.5)")
        with pytest.raises(PoolExhausted):
            await reads.rows("SELECT 1", {})
        await slow

    on_loop(engine, test, limit=1, wait_s=0.05)


def test_a_connection_the_database_closed_while_it_waited_is_replaced_unseen(engine):
    async def test(reads: ReadConnections) -> None:
        first = (await reads.rows("SELECT pg_backend_pid()", {}))[0][0]
        with Session(engine) as session:
            assert plain_rows(session, "SELECT pg_terminate_backend(%(pid)s)", {"pid": first}) == [(True,)]
        assert (await reads.rows("SELECT pg_backend_pid()", {}))[0][0] != first

    on_loop(engine, test)


def test_a_new_connection_the_database_refuses_is_answered_as_a_lost_database(settings_for, engine):
    async def test(reads: ReadConnections) -> None:
        with pytest.raises(DBAPIError) as lost:
            await reads.rows("SELECT 1", {})
        assert lost.value.connection_invalidated  # the kernel answers 503 (shared.web_errors)

    url = make_url(settings_for("intake").database_url).set(database="no_such_database")
    refused = make_engine(url.render_as_string(hide_password=False))
    try:
        on_loop(refused, test)
    finally:
        refused.dispose()


def test_outside_the_servers_loop_the_same_rows_come_through_a_session(engine):
    class Runtime:
        def __init__(self, reads: ReadConnections | None) -> None:
            self.engine, self.reads = engine, reads

    async def other_loop(reads: ReadConnections) -> None:
        assert reads_of(Runtime(reads)) is reads

        async def elsewhere() -> None:
            chosen = reads_of(Runtime(reads))
            assert isinstance(chosen, SessionReads)
            assert await chosen.rows(SQL, {"word": "x", "n": 2}) == [(1, 2, "x"), (2, 4, "x")]

        await asyncio.to_thread(asyncio.run, elsewhere())

    on_loop(engine, other_loop)
    assert isinstance(reads_of(Runtime(None)), SessionReads)


def test_each_statement_is_planned_once_for_every_run_of_it(engine):
    """`GENERIC_PLANS`: PostgreSQL planned a case read by `id = ANY(...)` again on every run (a custom plan)."""

    async def test(reads: ReadConnections) -> None:
        assert await reads.rows("SHOW plan_cache_mode", {}) == [("force_generic_plan",)]

    on_loop(engine, test)
