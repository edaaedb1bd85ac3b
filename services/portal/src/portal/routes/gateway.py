"""One base URL: `/api/v1/*` is forwarded to the service that owns the path, streaming both bodies and
keeping status codes and headers. The table mirrors the public URL layout of docs/architecture.md.

Only the public families are forwarded. A service's internals (health, readiness, metrics, its OpenAPI and
docs, its own clock under /api/v1/admin) answer on its own port only. Every path reaching the portal is
checked first (`PathGuard`): a dot-segment, raw or percent-encoded, could otherwise climb out of a family
once the upstream client or service normalises it."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from urllib.parse import quote, unquote

import aiohttp
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from shared.fresh_reads import ServiceUnavailable

from portal.errors import NoApiRoute, UnsafePath, bilingual_response
from portal.routes.forwarding import forwarded

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
_REPEATED_SLASHES = re.compile(r"/{2,}")


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


FORWARDED_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})


@router.api_route("/api/v1/{rest:path}", methods=sorted(FORWARDED_METHODS), include_in_schema=False)
async def forward(request: Request, rest: str) -> Response:
    """What `Forwarder` leaves to the routes: a path no service owns (404 in plain words)."""
    path = request.url.path
    service = owner_of(path)
    if service is None:
        raise NoApiRoute(path)
    return await to_owner(request, service)


async def to_owner(request: Request, service: str) -> Response:
    runtime = request.app.state.runtime
    session: aiohttp.ClientSession | None = request.app.state.forwarders.get(service)
    base = runtime.settings.service_urls.get(service)
    if session is None or base is None:  # a deployment that gives the portal no address for this service
        log.error("gateway has no address for the %s service (PORTAL_SERVICE_URLS)", service)
        raise ServiceUnavailable(service, retry_after_s=runtime.settings.overload_retry_after_s)
    return await forwarded(request, session, service, base)


class Forwarder:
    """ASGI middleware, the innermost of the kernel's: a request for a path another service owns goes to it at
    once, inside the admission limit and the request context (its id, its metrics under the catch-all route's
    path) but without FastAPI's routing, which walked every route of the portal before the catch-all, and its
    request handling: a third of the portal's CPU for a forwarded read (issue 17). The gateway's errors are
    answered by the app's own handlers, as from the route."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in FORWARDED_METHODS:
            await self.app(scope, receive, send)
            return
        service = owner_of(scope["path"])
        if service is None:
            await self.app(scope, receive, send)
            return
        scope["route"] = CATCH_ALL
        request = Request(scope, receive)
        try:
            response = await to_owner(request, service)
        except Exception as exc:
            handler = _handler(scope["app"], exc)
            if handler is None:
                raise
            response = await handler(request, exc)
        await response(scope, receive, send)


CATCH_ALL = next(route for route in router.routes if getattr(route, "endpoint", None) is forward)


def _handler(app: Starlette, exc: Exception) -> Callable[[Request, Exception], Awaitable[Response]] | None:
    """The app's handler for `exc`, looked up as Starlette does: by the exception's class, then its bases."""
    handlers = app.exception_handlers
    return next((handlers[cls] for cls in type(exc).__mro__ if cls in handlers), None)
