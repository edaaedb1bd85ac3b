"""Overload is answered at once, never left to stall (issue 11): beyond the requests a process works on, a
request waits a short, bounded time and then gets 503 with `Retry-After`, in French and English; a request
that finds no free database connection gets the same 503, never a 500; liveness, readiness and the token keys
still answer.

Served by uvicorn on loopback, on real PostgreSQL. The slow handlers hold a database connection and block on
an event the test releases: nothing here sleeps."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

import httpx
import pytest
import uvicorn
from fastapi import APIRouter
from sqlalchemy import text

from shared.deps import SessionDep
from shared.runtime import Runtime
from shared.web import create_service_app
from workbench.stack.broker import free_port


class Gate:
    """Where the slow handlers stop: each says it holds its connection, then waits for the test to open."""

    def __init__(self) -> None:
        self.entered = threading.Semaphore(0)
        self.opened = threading.Event()

    def hold(self) -> None:
        self.entered.release()
        assert self.opened.wait(timeout=30), "the test never opened the gate"

    def wait_for(self, count: int) -> None:
        for _ in range(count):
            assert self.entered.acquire(timeout=10), "a slow request never reached its handler"


@pytest.fixture
def slow_service(settings_for, clock) -> Iterator[Callable[..., tuple[str, Gate]]]:
    """`slow_service(**settings)` -> (base URL, gate) of a service whose GET /api/v1/slow holds a database
    connection until the gate opens."""
    running: list[tuple[uvicorn.Server, threading.Thread, Gate]] = []

    def start(**overrides: object) -> tuple[str, Gate]:
        gate = Gate()
        router = APIRouter(prefix="/api/v1/slow", tags=["slow"])

        @router.get("")
        def read_slowly(session: SessionDep) -> dict[str, int]:
            answer = session.connection().execute(text("SELECT 1")).scalar_one()
            gate.hold()
            return {"answer": answer}

        keys = APIRouter(tags=["keys"])

        @keys.get("/.well-known/jwks.json")
        def public_keys() -> dict[str, list[str]]:
            return {"keys": []}

        settings = settings_for("portal", **overrides)
        app = create_service_app(
            title="slow", runtime_factory=lambda: Runtime.build(settings, clock=clock), routers=[router, keys]
        )
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", free_port()))
        sock.listen(64)  # listening before the server starts: a client may connect at once
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        running.append((server, thread, gate))
        return f"http://127.0.0.1:{sock.getsockname()[1]}", gate

    yield start
    for server, _, gate in running:
        gate.opened.set()
        server.should_exit = True
    for _, thread, _ in running:
        thread.join(timeout=15)


class Answer:
    def __init__(self, response: httpx.Response, seconds: float) -> None:
        self.status = response.status_code
        self.headers = response.headers
        self.body = response.json()
        self.seconds = seconds


def get(url: str, *, language: str = "fr") -> Answer:
    started = time.perf_counter()
    response = httpx.get(url, headers={"Accept-Language": language}, timeout=30)
    return Answer(response, time.perf_counter() - started)


def test_requests_beyond_the_places_get_503_at_once_with_retry_after_and_no_500(slow_service):
    base, gate = slow_service(max_in_flight=2, max_waiting=0, db_pool_size=2, db_max_overflow=0)
    with ThreadPoolExecutor(max_workers=10) as pool:
        holding = [pool.submit(get, f"{base}/api/v1/slow") for _ in range(2)]
        gate.wait_for(2)
        beyond: list[Future[Answer]] = [
            pool.submit(get, f"{base}/api/v1/slow", language=lang) for lang in ("fr", "en", "fr", "en", "fr", "en")
        ]
        refused = [future.result(timeout=10) for future in beyond]
        health, readiness = get(f"{base}/healthz"), get(f"{base}/readyz")
        keys = get(f"{base}/.well-known/jwks.json")  # what every service needs to verify a token
        gate.opened.set()
        served = [future.result(timeout=10) for future in holding]

    assert [a.status for a in refused] == [503] * 6
    assert max(a.seconds for a in refused) < 1.0
    assert all(a.headers["Retry-After"] == "1" and a.headers["X-Request-ID"] for a in refused)
    french, english = refused[0], refused[1]
    assert french.body["detail"] == french.body["detail_fr"] and "saturé" in french.body["detail_fr"]
    assert english.body["detail"] == english.body["detail_en"] and "busy" in english.body["detail_en"]
    assert english.headers["Content-Language"] == "en"
    assert health.status == 200 and readiness.status == 200, "operations paths are never held back"
    assert keys.status == 200, "the token keys are never held back"
    assert [a.status for a in served] == [200, 200]


def test_a_request_waits_for_a_place_a_bounded_time_then_gets_503(slow_service):
    base, gate = slow_service(max_in_flight=1, max_waiting=4, admission_wait_s=0.3, db_pool_size=1, db_max_overflow=0)
    with ThreadPoolExecutor(max_workers=4) as pool:
        holding = pool.submit(get, f"{base}/api/v1/slow")
        gate.wait_for(1)
        waited = get(f"{base}/api/v1/slow")
        gate.opened.set()
        served = holding.result(timeout=10)
        after = get(f"{base}/api/v1/slow")

    assert waited.status == 503 and 0.3 <= waited.seconds < 1.5
    assert waited.headers["Retry-After"] == "1"
    assert served.status == 200 and after.status == 200, "the place is given back once the request is answered"


def test_a_request_that_finds_no_free_database_connection_gets_503_not_500(slow_service):
    base, gate = slow_service(max_in_flight=8, db_pool_size=1, db_max_overflow=0, db_pool_timeout_s=0.3)
    with ThreadPoolExecutor(max_workers=4) as pool:
        holding = pool.submit(get, f"{base}/api/v1/slow")
        gate.wait_for(1)
        starved = get(f"{base}/api/v1/slow", language="en")
        gate.opened.set()
        served = holding.result(timeout=10)

    assert starved.status == 503 and starved.seconds < 1.5
    assert starved.headers["Retry-After"] == "1"
    assert starved.body["detail"] == starved.body["detail_en"] and starved.body["detail_fr"]
    assert "X-Request-ID" in starved.headers
    assert served.status == 200
