"""The read lane's connections to a service (`portal.routes.read_lane`): HTTP/1.1 over pooled keep-alive
connections, the request written as one buffer, the answer parsed by httptools as its bytes arrive (issue 17).

aiohttp's client, which the rest of the gateway keeps, builds a URL object, a header multidict, a response
object, a stream reader and a task per request; the portal spent about a third of its CPU for a forwarded read
there and in the ASGI layers around it. This client does only what a GET needs: no request body, no redirects,
no decompression (the bytes go on as they came)."""

from __future__ import annotations

import asyncio
from collections import deque
from urllib.parse import urlsplit

import httptools

PAUSED_ABOVE = 256 * 1024
"""Bytes of an answer held before the service's connection stops being read, until the client takes them."""


class UpstreamLost(Exception):
    """The connection closed, or spoke something other than HTTP, before the answer was whole."""


class Answer:
    """One answer as it arrives: its status and headers once read, then its body in chunks."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []
        self.headers_read = False
        self.complete = False
        self.keep_alive = False
        self.error: Exception | None = None
        self._chunks: deque[bytes] = deque()
        self._held = 0
        self._waiter: asyncio.Future[None] | None = None

    async def head(self) -> None:
        """Until the status and headers are read (UpstreamLost if the connection ends before)."""
        while not self.headers_read:
            await self._wait()

    async def next_chunk(self) -> tuple[bytes, bool]:
        """The body's bytes received since the last call, at least one unless the body ended, and whether more
        follow."""
        while not self._chunks and not self.complete:
            await self._wait()
        chunk = b"".join(self._chunks)
        self._chunks.clear()
        if self._held > PAUSED_ABOVE:
            self.connection.resume()
        self._held = 0
        return chunk, not self.complete

    async def _wait(self) -> None:
        if self.error is not None:
            raise self.error
        self._waiter = asyncio.get_running_loop().create_future()
        try:
            await self._waiter
        finally:
            self._waiter = None
        if self.error is not None:
            raise self.error

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    # what the connection's parser reports
    def got_headers(self, status: int) -> None:
        self.status, self.headers_read = status, True
        self._wake()

    def got_body(self, chunk: bytes) -> None:
        self._chunks.append(chunk)
        self._held += len(chunk)
        if self._held > PAUSED_ABOVE:
            self.connection.pause()
        self._wake()

    def got_end(self, keep_alive: bool) -> None:
        self.complete, self.keep_alive = True, keep_alive
        self._wake()

    def failed(self, error: Exception) -> None:
        if not self.complete:
            self.error = error
            self._wake()


class Connection(asyncio.Protocol):
    """One keep-alive connection to the service, asking one question at a time."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.parser = httptools.HttpResponseParser(self)
        self.answer: Answer | None = None
        self.lost = False
        self.idle_since = 0.0

    def ask(self, request: bytes) -> Answer:
        assert self.transport is not None and self.answer is None
        self.answer = Answer(self)
        if self.lost:  # closed while it was being made: nothing will come
            self.answer.failed(UpstreamLost("the service closed the connection"))
        else:
            self.transport.write(request)
        return self.answer

    def usable(self) -> bool:
        return not self.lost and self.transport is not None and not self.transport.is_closing()

    def close(self) -> None:
        self.lost = True
        if self.transport is not None:
            self.transport.close()

    def pause(self) -> None:
        if self.transport is not None:
            self.transport.pause_reading()

    def resume(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.resume_reading()

    # asyncio's protocol
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # a TCP transport (uvloop's is no asyncio.Transport subclass)

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost = True
        if self.answer is not None:
            self.answer.failed(UpstreamLost("the service closed the connection"))

    def data_received(self, data: bytes) -> None:
        if self.answer is None:  # bytes nobody asked for: the connection can no longer be trusted
            self.close()
            return
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self.answer.failed(UpstreamLost(f"the service's answer is not HTTP: {exc}"))
            self.close()

    # httptools' parser
    def on_header(self, name: bytes, value: bytes) -> None:
        assert self.answer is not None
        self.answer.headers.append((name.lower(), value))

    def on_headers_complete(self) -> None:
        assert self.answer is not None
        self.answer.got_headers(self.parser.get_status_code())

    def on_body(self, body: bytes) -> None:
        assert self.answer is not None
        self.answer.got_body(body)

    def on_message_complete(self) -> None:
        answer, self.answer = self.answer, None
        assert answer is not None
        answer.got_end(self.parser.should_keep_alive())


class UpstreamPool:
    """At most `limit` connections to one service; an idle one is reused, the most recently used first."""

    def __init__(self, host: str, port: int, *, limit: int, connect_timeout_s: float, keepalive_s: float) -> None:
        self.host, self.port, self.limit, self.connect_timeout_s = host, port, limit, connect_timeout_s
        self.keepalive_s = keepalive_s
        self.authority = f"{host}:{port}".encode("ascii")
        self.idle: list[Connection] = []
        self.open = 0
        self.waiters: deque[asyncio.Future[None]] = deque()

    @classmethod
    def of(cls, base_url: str, *, limit: int, connect_timeout_s: float, keepalive_s: float) -> UpstreamPool | None:
        """A pool for a plain `http://host:port` base URL; None for anything else (TLS, a path prefix), which
        the lane leaves to the gateway's aiohttp client."""
        parts = urlsplit(base_url)
        if parts.scheme != "http" or not parts.hostname or parts.path.strip("/") or parts.query:
            return None
        port = parts.port or 80
        return cls(parts.hostname, port, limit=limit, connect_timeout_s=connect_timeout_s, keepalive_s=keepalive_s)

    async def connection(self, wait_s: float) -> Connection | None:
        """An idle connection, or a new one; when `limit` are open and busy, the first given back within `wait_s`,
        else None (overload: the caller answers 503 rather than queue). OSError when none can be made. A
        connection idle longer than `keepalive_s` is closed rather than reused: the service may be closing it
        (uvicorn keeps an idle one 5 s)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait_s
        while True:
            while self.idle:
                connection = self.idle.pop()
                if connection.usable() and loop.time() - connection.idle_since < self.keepalive_s:
                    return connection
                connection.close()
                self.open -= 1
            if self.open < self.limit:
                break
            if not await self._given_back(deadline - loop.time()):
                return None
        self.open += 1
        try:
            async with asyncio.timeout(self.connect_timeout_s):
                _, connection = await loop.create_connection(Connection, self.host, self.port)
        except BaseException:
            self.open -= 1
            self._wake_one()
            raise
        return connection

    async def _given_back(self, wait_s: float) -> bool:
        """Whether a connection was given back (or closed) within `wait_s`."""
        if wait_s <= 0:
            return False
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.waiters.append(waiter)
        try:
            async with asyncio.timeout(wait_s):
                await waiter
            return True
        except TimeoutError:
            return False
        finally:
            if waiter in self.waiters:
                self.waiters.remove(waiter)

    def _wake_one(self) -> None:
        while self.waiters:
            waiter = self.waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return

    def give_back(self, connection: Connection, *, reusable: bool) -> None:
        if reusable and connection.usable() and connection.answer is None:
            connection.idle_since = asyncio.get_running_loop().time()
            self.idle.append(connection)
        else:
            connection.close()
            self.open -= 1
        self._wake_one()

    def close(self) -> None:
        for connection in self.idle:
            connection.close()
        self.open -= len(self.idle)
        self.idle.clear()
