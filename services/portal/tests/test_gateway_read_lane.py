"""The gateway's read lane (`portal.routes.read_lane`): a plain GET forwarded ahead of the portal's middlewares, over
its own connections, counted as the lane's; a streamed answer of no stated length arriving whole; a connection
the service closed without answering sent again the full way; what is not plainly a read left to the full path.
Against stand-in services on real sockets."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, StreamingResponse
from starlette.routing import Route

from portal.main import create_app as create_portal

CHUNKS = [bytes([n]) * 50_000 for n in range(1, 21)]  # 1 MB in 20 parts, of no stated length: sent chunked


def lane_reads(portal: str) -> float:
    found = re.search(
        r'^lane_reads_total\{route="/api/v1/\{rest:path\}"\} (\S+)$', httpx.get(f"{portal}/metrics").text, re.M
    )
    return float(found.group(1)) if found else 0.0


async def _streamed(request: Request) -> StreamingResponse:
    async def parts() -> AsyncIterator[bytes]:
        for chunk in CHUNKS:
            yield chunk

    return StreamingResponse(parts(), media_type="application/octet-stream")


async def _seen(request: Request) -> JSONResponse:
    return JSONResponse(
        {
            "query": request.url.query,
            "headers": {k: v for k, v in request.headers.items() if k in ("x-forwarded-for", "x-request-id", "accept")},
            "method": request.method,
            "body": (await request.body()).decode(),
        }
    )


SERVICE = Starlette(
    routes=[Route("/api/v1/cases/streamed", _streamed), Route("/api/v1/cases/seen", _seen, methods=["GET", "POST"])]
)


def test_a_plain_read_takes_the_lane_with_its_query_headers_and_id_and_a_long_answer_arrives_whole(
    settings_for, clock, serve
):
    service = serve(SERVICE)
    portal = serve(create_portal(settings_for("portal", service_urls={"intake": service}), clock=clock))

    seen = httpx.get(
        f"{portal}/api/v1/cases/seen?a=1&b=%C3%A9", headers={"Accept": "text/x-test", "X-Request-ID": "r-1"}
    )
    assert seen.status_code == 200
    assert seen.json()["query"] == "a=1&b=%C3%A9"
    assert seen.json()["headers"] == {"accept": "text/x-test", "x-request-id": "r-1", "x-forwarded-for": "127.0.0.1"}
    assert seen.headers["x-request-id"] == "r-1"
    streamed = httpx.get(f"{portal}/api/v1/cases/streamed", timeout=20)
    assert streamed.status_code == 200 and streamed.content == b"".join(CHUNKS)
    assert lane_reads(portal) == 2

    # not plainly a read: the full path, which forwards them as before
    posted = httpx.post(f"{portal}/api/v1/cases/seen", content=b"hello")
    assert posted.json()["method"] == "POST" and posted.json()["body"] == "hello"
    with_a_body = httpx.request("GET", f"{portal}/api/v1/cases/seen", content=b"odd")
    assert with_a_body.status_code == 200 and with_a_body.json()["body"] == "odd"
    assert httpx.get(f"{portal}/api/v1//cases/seen").status_code == 200  # repeated slashes: collapsed there
    assert httpx.get(f"{portal}/api/v1/cases/%2e%2e/seen").status_code == 400  # a dot-segment: refused there
    assert lane_reads(portal) == 2


class ClosingService:
    """A service that answers the first request on each connection and closes the connection, unanswered, when a
    second comes on it: as a service that closed a connection the gateway still held as idle."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.unanswered = 0
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        with connection:
            if not _read_request(connection):
                return
            body = b'{"answered": true}'
            connection.sendall(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: "
                + str(len(body)).encode()
                + b"\r\n\r\n"
                + body
            )
            if _read_request(connection):
                self.unanswered += 1  # closed without a word


def _read_request(connection: socket.socket) -> bool:
    received = b""
    while b"\r\n\r\n" not in received:
        chunk = connection.recv(65536)
        if not chunk:
            return False
        received += chunk
    return True


@pytest.fixture
def closing_service() -> Iterator[ClosingService]:
    service = ClosingService()
    yield service
    service.sock.close()


def test_a_read_on_a_connection_the_service_closed_unanswered_is_sent_again_the_full_way(
    settings_for, clock, serve, closing_service
):
    settings = settings_for("portal", service_urls={"intake": closing_service.url}, gateway_keepalive_s=60.0)
    portal = serve(create_portal(settings, clock=clock))

    with httpx.Client() as client:
        assert client.get(f"{portal}/api/v1/cases/one").json() == {"answered": True}
        again = client.get(f"{portal}/api/v1/cases/two")

    assert again.status_code == 200 and again.json() == {"answered": True}
    assert closing_service.unanswered == 1  # the lane did ask on its idle connection, and the full path answered
    assert lane_reads(portal) == 1
