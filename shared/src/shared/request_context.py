"""Every request's context: its id (taken from `X-Request-ID` or made, set for the logs and echoed in the answer),
its count and latency in the metrics, and the last-resort answers: 503 when no database connection came free
outside the routes (the idempotency records), 500 in plain words for anything unexpected.

Pure ASGI: Starlette's `BaseHTTPMiddleware` (what `@app.middleware("http")` builds) runs the rest of the app in a
task of its own and passes the answer through memory streams, a cost every request paid (issue 11: under a burst
the processes' event loops fell behind)."""

from __future__ import annotations

import logging
import time
import uuid

from sqlalchemy.exc import TimeoutError as PoolExhausted
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.logs import REQUEST_ID_HEADER, request_id_var
from shared.web_errors import pool_exhausted_response, unexpected_error_response

log = logging.getLogger(__name__)


class RequestContext:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = Headers(scope=scope).get(REQUEST_ID_HEADER) or uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status: int | None = None

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        try:
            try:
                await self.app(scope, receive, send_with_id)
            except Exception as exc:
                if status is not None:  # the answer is on its way: nothing else can be said, the connection ends
                    log.exception("error after the answer began on %s %s", scope["method"], scope["path"])
                    raise
                request = Request(scope)
                # Answered here rather than by the app-level handler, which runs outside this middleware: the log
                # line and the reply must still carry the request id, and the 500 must be counted.
                answer = (
                    pool_exhausted_response(request)
                    if isinstance(exc, PoolExhausted)
                    else unexpected_error_response(request)
                )
                await answer(scope, receive, send_with_id)
        finally:
            request_id_var.reset(token)
            observe(scope, status or 500, time.perf_counter() - started)


def observe(scope: Scope, status: int, elapsed: float, *, lane: bool = False) -> None:
    """The request counted, and its latency, under its route's path (`scope["route"]`, else `unmatched`); also
    as answered by a lane (`shared.lane_reads`, the portal's read lane) if it was."""
    metrics = scope["app"].state.metrics
    if metrics is None:
        return
    path = getattr(scope.get("route"), "path", "unmatched")
    metrics["requests"].labels(scope["method"], path, str(status)).inc()
    metrics["latency"].labels(scope["method"], path).observe(elapsed)
    if lane:
        metrics["lane"].labels(path).inc()
