"""The kernel's fresh read of another service's record: the JSON on 200, None on 404, one retry when the
connection could not be made, and a 503 in both languages when the owner cannot answer. A real server on
loopback answers; a transport that counts (and once refuses) the attempts observes the retries."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from shared.auth import Role, TokenVerifier
from shared.fresh_reads import FreshReader, ServiceUnavailable, signed_service_token
from workbench.stack.broker import free_port
from workbench.testing.fixtures import AUDIENCE, ISSUER


class Owner:
    """The service that owns the records: one known record, a broken route, and the principals it saw."""

    def __init__(self, verifier: TokenVerifier) -> None:
        self.roles: list[str] = []
        self.verifier = verifier
        self.app = Starlette(routes=[Route("/records/{record_id}", self.record), Route("/broken", self.broken)])

    async def record(self, request: Request) -> JSONResponse:
        principal = self.verifier.verify(request.headers["authorization"].removeprefix("Bearer "))
        self.roles.append(principal.role.value)
        if request.path_params["record_id"] != "known":
            return JSONResponse({"detail": "no such record"}, status_code=404)
        return JSONResponse({"id": "known", "name": "Transports Martin SAS"})

    async def broken(self, request: Request) -> JSONResponse:
        return JSONResponse({"detail": "boom"}, status_code=500)


class CountingTransport(httpx.HTTPTransport):
    """The real transport, counting attempts; `refuse_first` makes the first connection fail as a refused one."""

    def __init__(self, *, refuse_first: bool = False) -> None:
        super().__init__()
        self.attempts = 0
        self.refuse_first = refuse_first

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.attempts += 1
        if self.refuse_first and self.attempts == 1:
            raise httpx.ConnectError("connection refused", request=request)
        return super().handle_request(request)


def listening_socket() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", free_port()))
    sock.listen(8)
    return sock


@pytest.fixture
def owner(verifier) -> Iterator[tuple[str, Owner]]:
    """The owner served by uvicorn; the socket listens before the thread starts, so no test waits for it."""
    owner = Owner(verifier)
    sock = listening_socket()
    server = uvicorn.Server(uvicorn.Config(owner.app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}", owner
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def reader_for(signing_key) -> Iterator[Callable[..., tuple[FreshReader, CountingTransport]]]:
    clients: list[httpx.Client] = []

    def make(
        base_url: str, *, refuse_first: bool = False, timeout_s: float = 2.0
    ) -> tuple[FreshReader, CountingTransport]:
        transport = CountingTransport(refuse_first=refuse_first)
        client = httpx.Client(transport=transport)
        clients.append(client)
        token = signed_service_token(signing_key, issuer=ISSUER, audience=AUDIENCE, subject="portal")
        reader = FreshReader(
            service="intake", base_url=base_url, client=client, token=token, timeout_s=timeout_s, retry_after_s=4
        )
        return reader, transport

    yield make
    for client in clients:
        client.close()


def test_a_known_record_is_read_as_a_service_principal(owner, reader_for):
    url, server = owner
    reader, transport = reader_for(url)
    assert reader.read("/records/known") == {"id": "known", "name": "Transports Martin SAS"}
    assert server.roles == [Role.SERVICE.value] and transport.attempts == 1


def test_a_record_the_owner_does_not_have_reads_as_none(owner, reader_for):
    url, _ = owner
    reader, _ = reader_for(url)
    assert reader.read("/records/unknown") is None


def test_a_connection_that_failed_once_is_tried_again(owner, reader_for):
    url, server = owner
    reader, transport = reader_for(url, refuse_first=True)
    assert reader.read("/records/known") is not None
    assert transport.attempts == 2 and len(server.roles) == 1


def test_an_owner_nobody_listens_for_is_tried_twice_then_reported_unavailable_in_both_languages(reader_for):
    reader, transport = reader_for(f"http://127.0.0.1:{free_port()}")
    with pytest.raises(ServiceUnavailable) as raised:
        reader.read("/records/known")
    error = raised.value
    assert transport.attempts == 2
    assert error.status_code == 503 and error.retry_after_s == 4
    assert error.message == "the intake service is unavailable; try again shortly"
    assert error.message_fr == "le service intake est indisponible ; réessayez dans quelques instants"


def test_an_owner_that_does_not_answer_in_time_is_reported_unavailable_without_a_second_wait(reader_for):
    with listening_socket() as silent:  # accepts the connection, never answers
        reader, transport = reader_for(f"http://127.0.0.1:{silent.getsockname()[1]}", timeout_s=0.2)
        with pytest.raises(ServiceUnavailable):
            reader.read("/records/known")
    assert transport.attempts == 1


def test_an_owner_that_fails_is_reported_unavailable(owner, reader_for):
    url, _ = owner
    reader, _ = reader_for(url)
    with pytest.raises(ServiceUnavailable):
        reader.read("/broken")


def test_the_service_token_is_short_lived(signing_key, verifier):
    import jwt

    token = signed_service_token(signing_key, issuer=ISSUER, audience=AUDIENCE, subject="portal")()
    principal = verifier.verify(token)
    assert principal.role == Role.SERVICE and principal.subject == "portal"
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] <= 120


def test_a_documents_bytes_are_read_as_they_are_none_when_absent_and_unavailable_when_the_owner_fails(
    owner, reader_for
):
    url, server = owner
    reader, _ = reader_for(url)
    assert reader.read_bytes("/records/known") == b'{"id":"known","name":"Transports Martin SAS"}'
    assert reader.read_bytes("/records/unknown") is None
    with pytest.raises(ServiceUnavailable):
        reader.read_bytes("/broken")
    assert server.roles == [Role.SERVICE.value] * 2
