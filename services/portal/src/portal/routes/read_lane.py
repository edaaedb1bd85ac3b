"""The gateway's read lane: a plain `GET` for a path a service owns is forwarded ahead of the portal's
middlewares and routes, over the lane's own connections (`portal.routes.plain_upstream`), with the gateway's
duties done in line: the admission limit, the request id both ways, the metrics under the catch-all route, the
hop-by-hop headers, the timeout answered 504 in plain words (issue 17).

Measured, the portal's Python on each forwarded read cost a quarter to a third of a read's rate (the ASGI layers,
Starlette's request and response, aiohttp's client), a bare forwarder a tenth (docs/benchmarks.md).

Anything else takes the gateway's full path (`portal.routes.gateway`), which the lane also falls back on, before
a byte of the answer is sent, for every case it does not settle itself: a path that is not plainly safe (the full
path checks it and refuses what must be refused), a request that carries a body, a service with no lane (not at a
plain http:// address), no connection made (the service down: the full path says so), a connection the service
closed before answering, an error of the lane's own. A `GET` is safe to send again (RFC 9110 §9.2.2). The lane
holds as many connections to a service as the full path (`gateway_max_connections`) and waits as long for one
(`gateway_pool_timeout_s`, then 503); the admission limit counts both paths' requests."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from typing import Any

from starlette.types import Message, Receive, Scope, Send

from shared.errors import DomainError
from shared.fresh_reads import ServiceUnavailable
from shared.lane_reads import LaneFront, header, request_id_of
from shared.logs import request_id_var
from shared.request_context import observe

from portal.errors import UpstreamTimeout, bilingual_response
from portal.routes.forwarding import HOP_BY_HOP, RESPONSE_SKIP
from portal.routes.gateway import CATCH_ALL, owner_of
from portal.routes.plain_upstream import Answer, Connection, UpstreamLost, UpstreamPool

log = logging.getLogger(__name__)

_PLAIN_PATH = re.compile(rb"(?:/[A-Za-z0-9_~-][A-Za-z0-9_.~-]*)+")
"""Segments of letters, digits, `-`, `_`, `~` and inner dots: nothing the full path's check would refuse or
rewrite (no dot-segment, no percent-encoding, no repeated or trailing slash)."""
_NOT_FORWARDED = frozenset(name.encode() for name in HOP_BY_HOP) | {b"x-request-id"}
_NOT_ANSWERED = frozenset(name.encode() for name in RESPONSE_SKIP)
_WITH_BODY = (b"content-length", b"transfer-encoding")


class _FallBack(Exception):
    """Nothing was sent: the request goes the full way."""


class ReadLane(LaneFront):
    """ASGI middleware, the portal's outermost (see the module)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        service = _lane_service(scope)
        pool: UpstreamPool | None = None
        if service is not None:
            pool = getattr(scope["app"].state, "lanes", {}).get(service)
        if pool is None or service is None:
            await self.app(scope, receive, send)
            return
        place = await self.admitted(scope, receive, send)
        if place is None:
            return
        token = request_id_var.set(request_id_of(scope))
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = True
            await send(message)

        try:
            await self._forward(scope, sending, service, pool)
            return
        except _FallBack:
            pass
        except Exception:
            if started:  # the answer is on its way: nothing else can be said, the connection ends
                raise
            log.exception("the read lane failed before answering GET %s; sent the full way", scope["path"])
        finally:
            request_id_var.reset(token)
            place.release()
        await self.app(scope, receive, send)

    async def _forward(self, scope: Scope, send: Send, service: str, pool: UpstreamPool) -> None:
        started = time.perf_counter()
        request_id = request_id_var.get() or ""
        settings = scope["app"].state.runtime.settings
        connection = await _connection(pool, settings.gateway_pool_timeout_s)
        if connection is None:  # every connection busy, none given back in time: overload, answered at once
            log.warning("the read lane got no connection to %s in time", service)
            busy = ServiceUnavailable(service, retry_after_s=settings.overload_retry_after_s)
            await self._refused(scope, send, busy, {"Retry-After": str(busy.retry_after_s)}, request_id, started)
            return
        answer = connection.ask(_request(scope, pool, request_id))
        try:
            async with asyncio.timeout(settings.gateway_timeout_s):
                await answer.head()
        except TimeoutError:
            pool.give_back(connection, reusable=False)
            log.warning("the %s service did not answer the gateway in time", service)
            await self._refused(scope, send, UpstreamTimeout(service), {}, request_id, started)
            return
        except UpstreamLost as lost:
            pool.give_back(connection, reusable=False)
            log.info("read lane to %s: %s; sent the full way", service, lost)
            raise _FallBack() from lost
        status = answer.status
        try:
            headers = _answer_headers(answer, request_id)
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await _send_body(answer, send, settings.gateway_timeout_s)
        except BaseException:
            pool.give_back(connection, reusable=False)
            _observe(scope, status, started)
            raise
        pool.give_back(connection, reusable=answer.keep_alive)
        _observe(scope, status, started)

    async def _refused(
        self, scope: Scope, send: Send, error: DomainError, headers: dict[str, str], request_id: str, started: float
    ) -> None:
        """The gateway's own refusal, in plain words in both languages, as its full path answers it."""
        response = bilingual_response(error, header(scope, b"accept-language"), headers=headers)
        response.headers["X-Request-ID"] = request_id
        await response(scope, _no_body, send)
        _observe(scope, response.status_code, started)


def _lane_service(scope: Scope) -> str | None:
    """The service a plain GET without a body goes to; None for anything the lane leaves to the full path."""
    if scope["type"] != "http" or scope["method"] != "GET":
        return None
    raw_path: bytes | None = scope.get("raw_path")
    if raw_path is None or _PLAIN_PATH.fullmatch(raw_path) is None:
        return None
    if any(name in _WITH_BODY for name, _ in scope["headers"]):
        return None
    return owner_of(raw_path.decode("ascii"))


async def _connection(pool: UpstreamPool, wait_s: float) -> Connection | None:
    """A connection, None when none came free in time; none made (the service down): the full way, which says so."""
    try:
        return await pool.connection(wait_s)
    except (OSError, TimeoutError) as exc:
        raise _FallBack() from exc


def _request(scope: Scope, pool: UpstreamPool, request_id: str) -> bytes:
    """The request as the service reads it: the path as the client wrote it, the client's headers less the hop's
    own, the request id, the client's address."""
    target = scope["raw_path"] + (b"?" + scope["query_string"] if scope["query_string"] else b"")
    lines = [b"GET " + target + b" HTTP/1.1", b"host: " + pool.authority]
    lines += [name + b": " + value for name, value in scope["headers"] if name not in _NOT_FORWARDED]
    lines.append(b"x-request-id: " + request_id.encode("latin-1"))
    if scope.get("client"):
        lines.append(b"x-forwarded-for: " + scope["client"][0].encode("latin-1"))
    return b"\r\n".join(lines) + b"\r\n\r\n"


def _answer_headers(answer: Answer, request_id: str) -> list[tuple[bytes, bytes]]:
    headers = [(name, value) for name, value in answer.headers if name not in _NOT_ANSWERED]
    headers.append((b"x-request-id", request_id.encode("latin-1")))
    return headers


async def _send_body(answer: Answer, send: Send, timeout_s: float) -> None:
    """The body as it arrives: an answer the service wrote at once (an API read) in one send."""
    more = True
    while more:
        async with asyncio.timeout(timeout_s):
            chunk, more = await answer.next_chunk()
        await send({"type": "http.response.body", "body": chunk, "more_body": more})


def _observe(scope: Scope, status: int, started: float) -> None:
    """Counted as the full path counts a forwarded request: under the catch-all route's path."""
    scope["route"] = CATCH_ALL
    observe(scope, status, time.perf_counter() - started, lane=True)


async def _no_body() -> dict[str, Any]:
    return {"type": "http.request", "body": b"", "more_body": False}
