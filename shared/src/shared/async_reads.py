"""API reads on the event loop: plain statements on the service's own autocommit psycopg connections (issue 17).

A read through a SQLAlchemy session in a worker thread paid, besides its statement, the trip to the thread pool,
the pool's checkout and the session's bookkeeping, and two more round trips to PostgreSQL: the `BEGIN` psycopg
sends before the first statement and the `ROLLBACK` that gives the connection back. For a read of one or two
statements that was most of its cost: a case read took 0.84 ms of intake's CPU, 0.35 ms on the loop.

`ReadConnections` keeps the connections of one event loop (the server's, opened by the app's lifespan): at most
`limit` at once, a request waiting `wait_s` for one and answered 503 after (as the API engine's pool does), each
statement its own transaction. A connection is given back only after a statement that went through; one that
failed or was cancelled mid-statement is closed. A statement that fails on a connection that sat idle (the
database restarted since) is sent once more on a new one: a read may be repeated.

`reads_of(runtime)` hands a route these connections, or, outside the server's loop (an app without its lifespan),
the same statements through a session in a worker thread (`SessionReads`). Routes read through `PlainReads` and
build their answer from the rows; writes keep their sessions."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from typing import Any, Protocol, TypeVar

import psycopg
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import TypeAdapter
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolExhausted
from sqlmodel import Session

from shared.plain_reads import plain_rows

log = logging.getLogger(__name__)
# psycopg prepares a statement run five times on a connection; PostgreSQL then plans it once, unless it prices the
# plan for unknown parameters above the one for the values given, and then plans every run again. A case read by
# `id = ANY(%(ids)s)` was planned anew each time: 0.25 ms of PostgreSQL's CPU for the read, 0.06 ms with one plan
# (a page of 20 cases 0.55 ms, 0.34). The reads on these connections find rows by key: one plan serves them all.
GENERIC_PLANS = "-c plan_cache_mode=force_generic_plan"
T = TypeVar("T")
Rows = list[tuple[Any, ...]]


class PlainReads(Protocol):
    async def rows(self, sql: str, params: Mapping[str, Any]) -> Rows: ...


class _Lost(Exception):
    """The connection itself broke under the statement (not the statement failing)."""

    def __init__(self, error: psycopg.Error) -> None:
        super().__init__(str(error))
        self.error = error


class ReadConnections:
    def __init__(self, conninfo: str, *, limit: int, wait_s: float) -> None:
        self._conninfo, self._wait_s = conninfo, wait_s
        self._loop = asyncio.get_running_loop()
        self._slots = asyncio.Semaphore(limit)
        self._idle: list[psycopg.AsyncConnection[tuple[Any, ...]]] = []

    def serves_this_loop(self) -> bool:
        return asyncio.get_running_loop() is self._loop

    async def rows(self, sql: str, params: Mapping[str, Any]) -> Rows:
        try:
            await asyncio.wait_for(self._slots.acquire(), self._wait_s)
        except TimeoutError:
            raise PoolExhausted(f"no read connection came free within {self._wait_s} s") from None
        try:
            reused = bool(self._idle)
            try:
                return await self._run(sql, params)
            except _Lost as lost:
                if not reused:
                    raise lost.error from None
                log.info("a read connection idle since the database went away (%s); reading again", lost.error)
                await self.close()
                try:
                    return await self._run(sql, params)
                except _Lost as again:
                    raise again.error from None
        except psycopg.Error as exc:
            gone = isinstance(exc, psycopg.OperationalError) and not isinstance(exc, psycopg.errors.QueryCanceled)
            raise DBAPIError.instance(sql, params, exc, psycopg.Error, connection_invalidated=gone) from exc
        finally:
            self._slots.release()

    async def _run(self, sql: str, params: Mapping[str, Any]) -> Rows:
        connection = self._idle.pop() if self._idle else await self._connect()
        try:
            cursor = await connection.execute(sql, params)
            rows = await cursor.fetchall()
        except psycopg.Error as exc:
            broken = connection.broken
            connection.pgconn.finish()  # failed mid-statement: never handed out again
            if broken:
                raise _Lost(exc) from exc
            raise
        except BaseException:
            connection.pgconn.finish()  # cancelled mid-statement: its answer may still be on the way
            raise
        self._idle.append(connection)
        return rows

    async def _connect(self) -> psycopg.AsyncConnection[tuple[Any, ...]]:
        return await psycopg.AsyncConnection.connect(self._conninfo, autocommit=True, options=GENERIC_PLANS)

    async def close(self) -> None:
        idle, self._idle = self._idle, []
        for connection in idle:
            try:
                await connection.close()
            except psycopg.Error:
                log.debug("closing a read connection failed", exc_info=True)

    @property
    def idle(self) -> int:
        return len(self._idle)


def read_connections(engine: Engine, *, limit: int, wait_s: float, name: str) -> ReadConnections:
    """Connections to the engine's database, shown to PostgreSQL as `name`; call it on the server's loop."""
    url = engine.url.set(drivername="postgresql").update_query_dict({"application_name": name})
    return ReadConnections(url.render_as_string(hide_password=False), limit=limit, wait_s=wait_s)


class SessionReads:
    """The same statements through a session of `engine` in a worker thread, each in its own transaction."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    async def rows(self, sql: str, params: Mapping[str, Any]) -> Rows:
        return await run_in_threadpool(self._rows, sql, params)

    def _rows(self, sql: str, params: Mapping[str, Any]) -> Rows:
        with Session(self._engine) as session:
            return plain_rows(session, sql, params)


class _HasReads(Protocol):
    @property
    def engine(self) -> Engine: ...
    @property
    def reads(self) -> ReadConnections | None: ...


def reads_of(runtime: _HasReads) -> PlainReads:
    reads = runtime.reads
    if reads is not None and reads.serves_this_loop():
        return reads
    return SessionReads(runtime.engine)


def answer_json(answer: T, model: type[T], *, status_code: int = 200) -> Response:
    """`answer` as `model`'s JSON, as FastAPI writes a route's answer (by alias, fields left unset included)."""
    adapter = _ADAPTERS.get(model) or _ADAPTERS.setdefault(model, TypeAdapter(model))
    return Response(adapter.dump_json(answer, by_alias=True), status_code=status_code, media_type="application/json")


_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}
