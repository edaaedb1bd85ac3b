"""A read on the event loop (`shared.async_reads`: `reads_of` and `answer_json`) answers what FastAPI answers for the
same model, turns an error raised while reading into the same plain answer, and keeps no connection; the session
dependency (`shared.deps.get_session`) gives its connection back whether the route succeeds or fails. On real
PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.responses import Response
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field
from sqlalchemy import Engine, text

from shared.async_reads import answer_json, read_connections, reads_of
from shared.db import make_engine
from shared.deps import SessionDep
from shared.errors import NotFound
from shared.money import Amount
from shared.web_errors import install_error_handlers


class Line(BaseModel):
    label: str = Field(alias="libellé")
    amount: Amount
    due: date
    note: str | None = None


class Page(BaseModel):
    items: list[Line]
    total: int


LINES = "SELECT 'ligne ' || g, g * 1.005, DATE '2026-01-31' + g FROM generate_series(1, %(n)s) g"


def _checked(count: int) -> int:
    if count < 0:
        raise NotFound("no such page", message_fr="pas de telle page")
    return count


def _page(rows: Sequence[Sequence[Any]], count: int) -> Page:
    return Page(
        items=[Line(**{"libellé": label, "amount": amount, "due": due}) for label, amount, due in rows], total=count
    )


@pytest.fixture
def engine(settings_for) -> Engine:
    engine = make_engine(settings_for("portal").database_url, pool_size=2, max_overflow=0)
    yield engine
    engine.dispose()


@pytest.fixture
def client(engine: Engine) -> Iterator[TestClient]:
    runtime = SimpleNamespace(engine=engine, reads=None)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime.reads = read_connections(engine, limit=2, wait_s=1.0, name="read-answers-test")
        yield
        await runtime.reads.close()

    app = FastAPI(lifespan=lifespan)
    app.state.runtime = runtime
    install_error_handlers(app)

    @app.get("/classic/{count}", response_model=Page)
    def classic(count: int, session: SessionDep) -> Page:
        rows = session.execute(text(LINES.replace("%(n)s", ":n")), {"n": _checked(count)}).all()
        return _page(rows, count)

    @app.get("/one-trip/{count}", response_model=Page)
    async def one_trip(count: int) -> Response:
        rows = await reads_of(runtime).rows(LINES, {"n": _checked(count)})
        assert runtime.reads is not None and runtime.reads.idle == 1  # on the loop's connections, kept
        return answer_json(_page(rows, count), Page)

    with TestClient(app) as client:
        yield client


def test_a_read_in_one_trip_answers_what_fastapi_answers(client: TestClient, engine: Engine) -> None:
    classic, one_trip = client.get("/classic/3"), client.get("/one-trip/3")
    assert (one_trip.status_code, one_trip.headers["content-type"]) == (200, "application/json")
    assert one_trip.content == classic.content
    assert one_trip.json()["items"][0] == {"libellé": "ligne 1", "amount": "1.01", "due": "2026-02-01", "note": None}
    assert engine.pool.checkedout() == 0  # both gave their connection back


def test_an_error_while_reading_is_the_same_plain_answer_and_the_connection_is_given_back(
    client: TestClient, engine: Engine
) -> None:
    classic, one_trip = client.get("/classic/-1"), client.get("/one-trip/-1")
    assert one_trip.status_code == classic.status_code == 404
    assert one_trip.json() == classic.json()
    assert "pas de telle page" in client.get("/one-trip/-1", headers={"Accept-Language": "fr"}).text
    assert engine.pool.checkedout() == 0
    for _ in range(3):  # a pool of two: a connection kept by a failed read would leave the third waiting
        assert client.get("/one-trip/1").status_code == client.get("/classic/1").status_code == 200
