"""Through the one base URL, overload stays a fast 503 (issue 11): a service's 503 reaches the client as it
was given, `Retry-After` included, and the gateway does not queue for an upstream connection: when none comes
free within its short pool wait, it answers 503 itself rather than a 504 thirty seconds later."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import uvicorn
from anyio import to_thread
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from workbench.stack.broker import free_port

from portal.main import create_app as create_portal

BUSY_BODY = {
    "detail": "le service est saturé",
    "detail_fr": "le service est saturé",
    "detail_en": "the service is busy",
}


class Upstream:
    """A stand-in for intake: one path answers its own 503, another holds its connection until released."""

    def __init__(self) -> None:
        self.entered = threading.Semaphore(0)
        self.opened = threading.Event()
        self.app = Starlette(routes=[Route("/api/v1/cases/busy", self.busy), Route("/api/v1/cases/slow", self.slow)])

    async def busy(self, request: Request) -> JSONResponse:
        return JSONResponse(BUSY_BODY, status_code=503, headers={"Retry-After": "7"})

    async def slow(self, request: Request) -> JSONResponse:
        self.entered.release()
        await to_thread.run_sync(self.opened.wait, 30)
        return JSONResponse({"id": "slow"})


@pytest.fixture
def serve() -> Iterator[Callable[[object], str]]:
    running: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(app: object) -> str:
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", free_port()))
        sock.listen(64)  # listening before the server starts: a client may connect at once
        config = uvicorn.Config(app, log_level="warning", lifespan="auto")  # type: ignore[arg-type]  # any ASGI app
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        running.append((server, thread))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"

    yield start
    for server, _ in running:
        server.should_exit = True
    for _, thread in running:
        thread.join(timeout=15)


@pytest.fixture
def upstream() -> Iterator[Upstream]:
    stand_in = Upstream()
    yield stand_in
    stand_in.opened.set()


def test_a_services_503_passes_through_the_gateway_with_its_retry_after(settings_for, clock, serve, upstream):
    intake = serve(upstream.app)
    portal = serve(create_portal(settings_for("portal", service_urls={"intake": intake}), clock=clock))

    response = httpx.get(f"{portal}/api/v1/cases/busy", timeout=10)

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "7"
    assert response.json() == BUSY_BODY


def test_the_gateway_answers_503_when_no_upstream_connection_comes_free_in_time(settings_for, clock, serve, upstream):
    intake = serve(upstream.app)
    settings = settings_for(
        "portal", service_urls={"intake": intake}, gateway_max_connections=1, gateway_pool_timeout_s=0.2
    )
    portal = serve(create_portal(settings, clock=clock))
    with ThreadPoolExecutor(max_workers=2) as pool:
        holding = pool.submit(httpx.get, f"{portal}/api/v1/cases/slow", timeout=30)
        assert upstream.entered.acquire(timeout=10)
        started = time.perf_counter()
        refused = httpx.get(f"{portal}/api/v1/cases/slow", headers={"Accept-Language": "en"}, timeout=30)
        seconds = time.perf_counter() - started
        upstream.opened.set()
        served = holding.result(timeout=10)

    assert refused.status_code == 503 and seconds < 1.5
    assert refused.headers["Retry-After"] == "1"
    assert "intake" in refused.json()["detail_en"] and refused.json()["detail_fr"]
    assert served.status_code == 200
