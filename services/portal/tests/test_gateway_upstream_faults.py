"""What the gateway does with a service that is slow, absent, or sends a long answer, and with a long request
body, now that it forwards with aiohttp (issue 17): a slow answer is a 504 and an absent service a 502, both in
plain words in both languages; a download is streamed and gives its connection back; a request body reaches the
service byte for byte. Against a stand-in service on a real socket."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator

import httpx
import pytest
from anyio import to_thread
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from workbench.stack.broker import free_port

from portal.main import create_app as create_portal

DOWNLOAD = bytes(range(256)) * 1024  # 256 KiB: longer than what the gateway reads whole, so streamed


class Upstream:
    def __init__(self) -> None:
        self.released = threading.Event()
        self.app = Starlette(
            routes=[
                Route("/api/v1/cases/slow", self.slow),
                Route("/api/v1/cases/export.bin", self.download),
                Route("/api/v1/cases/echo", self.echo, methods=["POST"]),
                Route("/api/v1/cases/whoami", self.whoami),
            ]
        )

    async def slow(self, request: Request) -> JSONResponse:
        await to_thread.run_sync(self.released.wait, 30)
        return JSONResponse({"late": True})

    async def download(self, request: Request) -> Response:
        return Response(DOWNLOAD, media_type="application/octet-stream")

    async def whoami(self, request: Request) -> JSONResponse:
        return JSONResponse({"request_id": request.headers.get("x-request-id")})

    async def echo(self, request: Request) -> JSONResponse:
        body = await request.body()
        return JSONResponse({"bytes": len(body), "sha256": hashlib.sha256(body).hexdigest()})


@pytest.fixture
def upstream() -> Iterator[Upstream]:
    stand_in = Upstream()
    yield stand_in
    stand_in.released.set()


def test_a_service_slower_than_the_gateway_timeout_is_a_504_in_plain_words(settings_for, clock, serve, upstream):
    intake = serve(upstream.app)
    settings = settings_for("portal", service_urls={"intake": intake}, gateway_timeout_s=0.5)
    portal = serve(create_portal(settings, clock=clock))

    response = httpx.get(f"{portal}/api/v1/cases/slow", timeout=20)

    assert response.status_code == 504
    assert "intake" in response.json()["detail_en"] and "à temps" in response.json()["detail_fr"]


def test_a_service_nobody_answers_for_is_a_502_in_plain_words(settings_for, clock, serve):
    nowhere = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    portal = serve(create_portal(settings_for("portal", service_urls={"intake": nowhere}), clock=clock))

    response = httpx.get(f"{portal}/api/v1/cases/anything", timeout=20)

    assert response.status_code == 502
    assert "intake" in response.json()["detail_en"] and "indisponible" in response.json()["detail_fr"]


def test_a_streamed_download_arrives_whole_and_gives_its_connection_back(settings_for, clock, serve, upstream):
    intake = serve(upstream.app)
    settings = settings_for("portal", service_urls={"intake": intake}, gateway_max_connections=1)
    portal = serve(create_portal(settings, clock=clock))

    for _ in range(3):  # one connection: a download that kept it would leave the next one a 503
        response = httpx.get(f"{portal}/api/v1/cases/export.bin", timeout=20)
        assert response.status_code == 200
        assert response.content == DOWNLOAD
        assert response.headers["content-type"] == "application/octet-stream"


def test_a_request_body_reaches_the_service_byte_for_byte(settings_for, clock, serve, upstream):
    intake = serve(upstream.app)
    portal = serve(create_portal(settings_for("portal", service_urls={"intake": intake}), clock=clock))
    body = DOWNLOAD * 3

    def chunks() -> Iterator[bytes]:  # no length stated: sent chunked to the gateway
        for start in range(0, len(body), 50_000):
            yield body[start : start + 50_000]

    for content in (body, chunks()):
        response = httpx.post(f"{portal}/api/v1/cases/echo", content=content, timeout=20)
        assert response.status_code == 200, response.text
        assert response.json() == {"bytes": len(body), "sha256": hashlib.sha256(body).hexdigest()}


def test_a_forwarded_request_keeps_its_id_and_its_metrics_and_what_no_service_owns_stays_the_portals(
    settings_for, clock, serve, upstream
):
    """Forwarded before the portal's routes (`gateway.Forwarder`): still inside the request context, and each of
    the answer's own headers once (the service's `date` and `server` were passed on beside the portal's)."""
    intake = serve(upstream.app)
    portal = serve(create_portal(settings_for("portal", service_urls={"intake": intake}), clock=clock))

    response = httpx.get(f"{portal}/api/v1/cases/whoami", headers={"X-Request-ID": "req-42"}, timeout=20)
    assert response.status_code == 200 and response.json() == {"request_id": "req-42"}
    assert response.headers["x-request-id"] == "req-42"
    for once in ("date", "server", "x-request-id", "content-length"):  # the service's own not passed on as well
        assert len(response.headers.get_list(once)) == 1, (once, response.headers.get_list(once))
    metrics = httpx.get(f"{portal}/metrics", timeout=20).text
    assert 'http_requests_total{method="GET",route="/api/v1/{rest:path}",status="200"} 1.0' in metrics

    assert httpx.request("OPTIONS", f"{portal}/api/v1/cases/whoami", timeout=20).status_code == 405
    unowned = httpx.get(f"{portal}/api/v1/nothing-here", timeout=20)
    assert unowned.status_code == 404 and "aucune route" in unowned.json()["detail_fr"]
