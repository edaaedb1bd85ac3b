"""One base URL: `/api/v1/*` is forwarded to the service that owns the path, streaming both bodies and
keeping status codes and headers. The table mirrors the public URL layout of docs/architecture.md.

Only the public families are forwarded. A service's internals (health, readiness, metrics, its OpenAPI and
docs, its own clock under /api/v1/admin) answer on its own port only. Every path reaching the portal is
checked first (`PathGuard`): a dot-segment, raw or percent-encoded, could otherwise climb out of a family
once the upstream client or service normalises it."""

from __future__ import annotations

import logging
import re
from urllib.parse import quote, unquote

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse
from starlette.background import BackgroundTask
from starlette.datastructures import Headers
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Receive, Scope, Send

from shared.fresh_reads import ServiceUnavailable
from shared.logs import REQUEST_ID_HEADER, request_id_var

from portal.config import Settings
from portal.errors import NoApiRoute, UnsafePath, UpstreamTimeout, UpstreamUnreachable, bilingual_response

log = logging.getLogger(__name__)
router = APIRouter(tags=["gateway"])

# Longest prefix first; the portal's own routes are registered before this catch-all.
ROUTES: tuple[tuple[str, str], ...] = (
    ("/api/v1/creditors", "intake"),
    ("/api/v1/cases", "intake"),
    ("/api/v1/imports", "intake"),
    ("/api/v1/payments", "intake"),
    ("/api/v1/remittances", "intake"),
    ("/api/v1/intake", "intake"),
    ("/api/v1/aged-balance", "scoring"),
    ("/api/v1/debtors", "scoring"),
    ("/api/v1/worklist", "scoring"),
    ("/api/v1/scoring", "scoring"),
    ("/api/v1/dunning", "dunning"),
    ("/api/v1/legal", "legal"),
    ("/api/v1/partner", "legal"),
)
# Paths inside a forwarded family that the portal serves itself: the case timeline is the portal's read model.
# An Ingress matches prefixes only and cannot single them out, so it sends their whole family to the portal,
# which forwards the rest (`families_shared_with_the_portal`).
PORTAL_PATHS: tuple[re.Pattern[str], ...] = (re.compile(r"/api/v1/cases/[^/]+/timeline/?"),)
# What every service answers on its own port only. `/api/v1/admin` is the portal's: its clock fans out to
# every service, where one service's clock alone would leave the platform reading two instants.
SERVICE_INTERNALS: tuple[str, ...] = (
    "/healthz",
    "/readyz",
    "/metrics",
    "/docs",
    "/redoc",
    "/openapi.json",
    "/api/v1/admin",
)
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
RESPONSE_SKIP = HOP_BY_HOP - {"content-length"} | {REQUEST_ID_HEADER.lower()}
CLIENT_CLOSED_REQUEST = 499  # nobody reads it: the status says, in the metrics, that this was no server error
_REPEATED_SLASHES = re.compile(r"/{2,}")
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"  # RFC 3986 pchar and "/": kept as they are when the path is forwarded


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + "/")


def owner_of(path: str) -> str | None:
    """The service a public path is forwarded to; None for anything else, a service's internals included."""
    if any(_under(path, internal) for internal in SERVICE_INTERNALS):
        return None
    if any(pattern.fullmatch(path) for pattern in PORTAL_PATHS):
        return None
    for prefix, service in ROUTES:
        if _under(path, prefix):
            return service
    return None


def families_shared_with_the_portal() -> frozenset[str]:
    """The forwarded prefixes under which the portal serves some paths itself (see `PORTAL_PATHS`)."""
    return frozenset(
        prefix for prefix, _ in ROUTES if any(pattern.pattern.startswith(prefix + "/") for pattern in PORTAL_PATHS)
    )


def _fully_decoded(segment: str) -> str:
    """Percent-decoded until stable: `%252e` is a dot to whoever decodes twice."""
    while (decoded := unquote(segment)) != segment:
        segment = decoded
    return segment


def _is_unsafe(segment: str) -> bool:
    return segment in (".", "..") or "/" in segment or "\\" in segment


def normalised_path(raw_path: str, path: str) -> tuple[str, str]:
    """(raw path, decoded path) with repeated slashes collapsed, or UnsafePath.

    Refused: a "." or ".." segment in the decoded path or in the raw one decoded any number of times (`%2e`,
    `%2E`, `.%2e`, `%252e` …), an encoded slash (`%2f`) and a backslash, raw or encoded. Both forms are read:
    servers and test clients disagree on which one they normalise."""
    raw = _REPEATED_SLASHES.sub("/", raw_path)
    decoded = _REPEATED_SLASHES.sub("/", path)
    if any(_is_unsafe(_fully_decoded(segment)) for segment in raw.split("/")):
        raise UnsafePath()
    if any(_is_unsafe(segment) for segment in decoded.split("/")):
        raise UnsafePath()
    return raw, decoded


class PathGuard:
    """ASGI middleware: every HTTP request's path is checked and normalised before any routing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        raw_path: str = (scope.get("raw_path") or quote(path).encode()).decode("latin-1")
        try:
            raw, decoded = normalised_path(raw_path, path)
        except UnsafePath as refusal:
            log.info("refused a path with a dot-segment: %r", raw_path[:200])
            response = bilingual_response(refusal, Headers(scope=scope).get("accept-language"))
            await response(scope, receive, send)
            return
        await self.app({**scope, "path": decoded, "raw_path": raw.encode("latin-1")}, receive, send)


def upstream_client(settings: Settings) -> httpx.AsyncClient:
    """One client per upstream service: a flood of one service's reads waits for that service's connections
    only, a bounded time (then 503), and leaves the others' alone."""
    limits = httpx.Limits(
        max_connections=settings.gateway_max_connections,
        max_keepalive_connections=settings.gateway_max_connections,
        keepalive_expiry=settings.gateway_keepalive_s,
    )
    timeout = httpx.Timeout(
        settings.gateway_timeout_s, connect=settings.gateway_connect_timeout_s, pool=settings.gateway_pool_timeout_s
    )
    return httpx.AsyncClient(timeout=timeout, limits=limits)


@router.api_route("/api/v1/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
async def forward(request: Request, rest: str) -> Response:
    path = request.url.path
    service = owner_of(path)
    if service is None:
        raise NoApiRoute(path)
    runtime = request.app.state.runtime
    client: httpx.AsyncClient | None = request.app.state.gateway_clients.get(service)
    base = runtime.settings.service_urls.get(service)
    if client is None or base is None:  # a deployment that gives the portal no address for this service
        log.error("gateway has no address for the %s service (PORTAL_SERVICE_URLS)", service)
        raise ServiceUnavailable(service, retry_after_s=runtime.settings.overload_retry_after_s)
    # The path goes on as the client wrote it (PathGuard checked it): decoding it here would turn a %3F
    # into a query, a %23 into a fragment.
    raw_path = quote(request.scope.get("raw_path") or path.encode(), safe=_PATH_SAFE)
    headers = [(k, v) for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP | {REQUEST_ID_HEADER.lower()}]
    headers.append((REQUEST_ID_HEADER, request_id_var.get() or ""))
    if request.client:
        headers.append(("X-Forwarded-For", request.client.host))
    # A request without either header has no body (RFC 9112 §6.3): none is streamed, nor sent chunked.
    has_body = "content-length" in request.headers or "transfer-encoding" in request.headers
    upstream_request = client.build_request(
        request.method,
        base + raw_path,
        params=request.url.query.encode() or None,
        headers=headers,
        content=request.stream() if has_body else None,
    )
    try:
        upstream = await client.send(upstream_request, stream=True)
    except ClientDisconnect:
        log.info("the client left before its request body was read; nothing forwarded to %s", service)
        return Response(status_code=CLIENT_CLOSED_REQUEST)
    except (httpx.PoolTimeout, httpx.ConnectTimeout) as exc:
        # Every upstream connection busy, or the service's listen queue full: overload, worth a retry shortly.
        log.warning("gateway could not get a connection to %s in time", service)
        raise ServiceUnavailable(service, retry_after_s=runtime.settings.overload_retry_after_s) from exc
    except httpx.TimeoutException as exc:
        raise UpstreamTimeout(service) from exc
    except httpx.HTTPError as exc:
        log.warning("gateway could not reach %s", service, exc_info=True)
        raise UpstreamUnreachable(service) from exc
    response_headers = [(k, v) for k, v in upstream.headers.multi_items() if k.lower() not in RESPONSE_SKIP]
    response: Response
    if _small(upstream):
        # Read whole and answered as one: streaming costs a task group and a send per chunk, more than an API
        # answer of a few kilobytes (issue 17). The bytes go on as they came (compressed if they were).
        try:
            body = b"".join([chunk async for chunk in upstream.aiter_raw()])
        except httpx.HTTPError as exc:
            log.warning("gateway lost %s's answer while reading it", service, exc_info=True)
            raise UpstreamUnreachable(service) from exc
        finally:
            await upstream.aclose()
        response = Response(body, status_code=upstream.status_code)
    else:
        response = StreamingResponse(
            upstream.aiter_raw(), status_code=upstream.status_code, background=BackgroundTask(upstream.aclose)
        )
    response.raw_headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in response_headers]
    return response


BUFFERED_UP_TO = 64 * 1024
"""Answers of a stated length up to this are read whole before they are sent on; longer ones (a PDF, an export)
and those of no stated length are streamed."""


def _small(upstream: httpx.Response) -> bool:
    length = upstream.headers.get("content-length", "")
    return length.isdigit() and int(length) <= BUFFERED_UP_TO
