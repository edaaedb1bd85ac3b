"""How the gateway sends a request on to the service that owns it and brings its answer back: status codes and
headers kept, bodies streamed (`portal.routes.gateway` decides where a path goes, this module carries it).

The gateway's connections are aiohttp's (issue 17): httpx's pool walked every connection and every waiting request
on each request and each answer, 1.5 ms of CPU a forwarded request with 32 clients over 16 connections, against
0.09 ms for aiohttp's, measured side by side against the same server. The portal's pages and API docs keep their
httpx clients (`upstream_client`)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from urllib.parse import quote

import aiohttp
import httpx
from fastapi import Request
from fastapi.responses import Response, StreamingResponse
from multidict import CIMultiDict
from starlette.background import BackgroundTask
from starlette.requests import ClientDisconnect
from yarl import URL

from shared.fresh_reads import ServiceUnavailable
from shared.logs import REQUEST_ID_HEADER, request_id_var

from portal.config import Settings
from portal.errors import UpstreamTimeout, UpstreamUnreachable

log = logging.getLogger(__name__)

HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailers",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
}
RESPONSE_SKIP = HOP_BY_HOP - {"content-length"} | {REQUEST_ID_HEADER.lower(), "date", "server"}
"""What of a service's answer the gateway does not pass on: the hop's own headers, the request id (the gateway's
context sets it), and `date` and `server`, which the portal's server writes on every answer it sends: passed on
too, a client read each twice ("uvicorn, uvicorn")."""
CLIENT_CLOSED_REQUEST = 499  # nobody reads it: the status says, in the metrics, that this was no server error
PATH_SAFE = "/%:@!$&'()*+,;=-._~"  # RFC 3986 pchar and "/": kept as they are when the path is forwarded
BUFFERED_UP_TO = 64 * 1024
"""Answers of a stated length up to this are read whole before they are sent on; longer ones (a PDF, an export)
and those of no stated length are streamed."""


def upstream_client(settings: Settings) -> httpx.AsyncClient:
    """One client per upstream service for the portal's pages and API docs: a flood of one service's reads waits
    for that service's connections only, a bounded time (then 503), and leaves the others' alone."""
    limits = httpx.Limits(
        max_connections=settings.gateway_max_connections,
        max_keepalive_connections=settings.gateway_max_connections,
        keepalive_expiry=settings.gateway_keepalive_s,
    )
    timeout = httpx.Timeout(
        settings.gateway_timeout_s, connect=settings.gateway_connect_timeout_s, pool=settings.gateway_pool_timeout_s
    )
    return httpx.AsyncClient(timeout=timeout, limits=limits)


def forwarding_session(settings: Settings) -> aiohttp.ClientSession:
    """The gateway's connections to one upstream service: at most `gateway_max_connections`. A request that gets
    none within `gateway_pool_timeout_s` (every one busy, or the service's listen queue full) is answered 503,
    overload worth a retry, rather than queued; an answer slower than `gateway_timeout_s` between two reads is a
    504."""
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(
            limit=settings.gateway_max_connections, keepalive_timeout=settings.gateway_keepalive_s
        ),
        timeout=aiohttp.ClientTimeout(
            total=None,
            connect=settings.gateway_pool_timeout_s,
            sock_connect=min(settings.gateway_connect_timeout_s, settings.gateway_pool_timeout_s),
            sock_read=settings.gateway_timeout_s,
        ),
        auto_decompress=False,  # the bytes go on as they came, compressed if they were
        skip_auto_headers=("User-Agent", "Accept", "Accept-Encoding", "Content-Type"),
    )


async def forwarded(request: Request, session: aiohttp.ClientSession, service: str, base: str) -> Response:
    """The service's answer to the request, as the gateway's response."""
    # The path goes on as the client wrote it (PathGuard checked it): decoding it here would turn a %3F
    # into a query, a %23 into a fragment.
    raw_path = quote(request.scope.get("raw_path") or request.url.path.encode(), safe=PATH_SAFE)
    query = request.scope.get("query_string", b"").decode("latin-1")
    url = URL(base.rstrip("/") + raw_path + (f"?{query}" if query else ""), encoded=True)
    headers = [(k, v) for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP | {REQUEST_ID_HEADER.lower()}]
    headers.append((REQUEST_ID_HEADER, request_id_var.get() or ""))
    if request.client:
        headers.append(("X-Forwarded-For", request.client.host))
    # A request without either header has no body (RFC 9112 §6.3): none is streamed, nor sent chunked.
    has_body = "content-length" in request.headers or "transfer-encoding" in request.headers
    body = _Body(request) if has_body else None
    try:
        upstream = await session.request(
            request.method, url, headers=CIMultiDict(headers), data=body, allow_redirects=False
        )
    except aiohttp.ConnectionTimeoutError as exc:  # no connection free, or none made, in time: overload
        log.warning("gateway could not get a connection to %s in time", service)
        retry_after_s = request.app.state.runtime.settings.overload_retry_after_s
        raise ServiceUnavailable(service, retry_after_s=retry_after_s) from exc
    except aiohttp.ServerTimeoutError as exc:
        raise UpstreamTimeout(service) from exc
    except aiohttp.ClientError as exc:
        if body is not None and body.client_left:
            log.info("the client left before its request body was read; nothing forwarded to %s", service)
            return Response(status_code=CLIENT_CLOSED_REQUEST)
        log.warning("gateway could not reach %s", service, exc_info=True)
        raise UpstreamUnreachable(service) from exc
    response_headers = [(k.lower(), v) for k, v in upstream.raw_headers if k.lower().decode() not in RESPONSE_SKIP]
    response: Response
    if _small(upstream):
        # Read whole and answered as one: streaming costs a task group and a send per chunk, more than an API
        # answer of a few kilobytes (issue 17).
        try:
            content = await upstream.read()
        except aiohttp.ClientError as exc:
            log.warning("gateway lost %s's answer while reading it", service, exc_info=True)
            raise UpstreamUnreachable(service) from exc
        finally:
            upstream.release()
        response = Response(content, status_code=upstream.status)
    else:
        response = StreamingResponse(
            upstream.content.iter_any(), status_code=upstream.status, background=BackgroundTask(upstream.release)
        )
    response.raw_headers = response_headers
    return response


def _small(upstream: aiohttp.ClientResponse) -> bool:
    length = upstream.headers.get("content-length", "")
    return length.isdigit() and int(length) <= BUFFERED_UP_TO


class _Body:
    """The client's request body as it arrives, for aiohttp to send on; notes a client that left while sending."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self.client_left = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self.request.stream():
                if chunk:
                    yield chunk
        except ClientDisconnect:
            self.client_left = True
            raise
