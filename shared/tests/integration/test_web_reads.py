"""A read in one trip to a worker thread (`shared.web_reads.answer_read`) answers what FastAPI answers for the
same model, turns an error raised while reading into the same plain answer, and gives its connection back; so
does the session dependency (`shared.deps.get_session`), whether the route succeeds or fails. On real PostgreSQL."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from fastapi import FastAPI
from fastapi.responses import Response
from fastapi.testclient import TestClient
from pydantic import BaseModel, Field
from sqlalchemy import Engine, text
from sqlmodel import Session

from shared.db import make_engine
from shared.deps import SessionDep
from shared.errors import NotFound
from shared.money import Amount
from shared.web_errors import install_error_handlers
from shared.web_reads import answer_read


class Line(BaseModel):
    label: str = Field(alias="libellé")
    amount: Amount
    due: date
    note: str | None = None


class Page(BaseModel):
    items: list[Line]
    total: int


def _page(session: Session, count: int) -> Page:
    if count < 0:
        raise NotFound("no such page", message_fr="pas de telle page")
    rows = session.execute(
        text("SELECT 'ligne ' || g, g * 1.005, DATE '2026-01-31' + g FROM generate_series(1, :n) g"), {"n": count}
    ).all()
    return Page(
        items=[Line(**{"libellé": label, "amount": amount, "due": due}) for label, amount, due in rows], total=count
    )


@pytest.fixture
def engine(settings_for) -> Engine:
    engine = make_engine(settings_for("portal").database_url, pool_size=2, max_overflow=0)
    yield engine
    engine.dispose()


@pytest.fixture
def client(engine: Engine) -> TestClient:
    app = FastAPI()
    app.state.runtime = SimpleNamespace(engine=engine)
    install_error_handlers(app)

    @app.get("/classic/{count}", response_model=Page)
    def classic(count: int, session: SessionDep) -> Page:
        return _page(session, count)

    @app.get("/one-trip/{count}", response_model=Page)
    async def one_trip(count: int) -> Response:
        return await answer_read(app.state.runtime, lambda session: _page(session, count), Page)

    return TestClient(app)


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
