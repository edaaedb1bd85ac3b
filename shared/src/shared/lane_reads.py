"""A service's busiest reads answered ahead of the framework (issue 17): the kernel's duties done in line, the
answer built by the same function the route calls.

A page of 20 cases cost intake about 0.45 ms of CPU, of which the framework took more than half: routing over
every route of the service, solving the route's dependencies (the runtime, the bearer token, the role check, eight
query parameters), the kernel's middlewares around it (py-spy, docs/benchmarks.md). `LaneReads` answers the reads
a service lists as `LaneRead`s, when the request is plainly well formed: a `GET` on the read's path, only the
query parameters it takes, each valid by the route's own type, a bearer token already verified, a role the route
admits. It keeps the admission limit, the request id both ways and the metrics under the route's path.

Anything else goes the framework's way, which answers as it always did: a parameter the route would refuse (its 422
in plain words), a token not seen before (verified in a thread) or none, a role it refuses, an error raised while
answering (a case not found, not the caller's, the database busy): the lane has sent nothing then, and a `GET` is
safe to answer again (RFC 9110 §9.2.2). The answers are byte for byte the route's (`tests`: the lane's and the
route's answers compared)."""

from __future__ import annotations

import asyncio
import inspect
import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, get_args, get_origin, get_type_hints
from urllib.parse import parse_qsl

from fastapi import params as params_module
from fastapi.responses import Response
from fastapi.routing import RouteContext, iter_route_contexts
from pydantic import TypeAdapter, ValidationError
from starlette.types import ASGIApp, Receive, Scope, Send

from shared.admission import AdmissionLimit, admission_limit_within
from shared.auth import Principal, Role
from shared.clock import SettableClock
from shared.logs import request_id_var
from shared.request_context import observe
from shared.runtime import Runtime

log = logging.getLogger(__name__)


_GIVEN = {Runtime: "runtime", Principal: "principal", SettableClock: "clock"}
"""The dependencies the lane gives an endpoint: the runtime, the caller, the runtime's clock (`shared.deps`)."""


@dataclass(frozen=True)
class LaneRead:
    """A route the lane answers: its path's pattern, the roles it admits, its path, query and header parameters
    (each validated by the route's own type, its default where not given), the dependencies it takes, its
    endpoint."""

    route: RouteContext
    endpoint: Callable[..., Awaitable[Response]]
    before: tuple[re.Pattern[str], ...]  # the paths of the app's earlier GET routes that could match first
    roles: frozenset[Role]
    params: Mapping[str, tuple[str, TypeAdapter[Any]]]  # path or query name -> (the endpoint's argument, its type)
    headers: Mapping[bytes, tuple[str, TypeAdapter[Any]]]  # header name (lower case) -> (argument, type)
    defaults: Mapping[str, Any]
    given: Mapping[str, str]  # argument -> what the lane gives it (`_GIVEN`)

    @classmethod
    def of(cls, route: RouteContext, earlier: Sequence[RouteContext]) -> LaneRead:
        """Read from the route's own declaration; ValueError for a route the lane cannot answer as it would: not
        an async endpoint answering a `Response`, not taking the runtime and the caller, or taking a dependency
        other than those and the clock, a cookie or a body."""
        endpoint = route.endpoint
        assert endpoint is not None and route.path is not None
        hints = get_type_hints(endpoint, include_extras=True)
        if not inspect.iscoroutinefunction(endpoint) or hints.get("return") is not Response:
            raise ValueError(f"{route.path}: the lane answers async endpoints that return a Response")
        params: dict[str, tuple[str, TypeAdapter[Any]]] = {}
        headers: dict[bytes, tuple[str, TypeAdapter[Any]]] = {}
        defaults: dict[str, Any] = {}
        given: dict[str, str] = {}
        roles: frozenset[Role] = frozenset(Role)
        for name, parameter in inspect.signature(endpoint).parameters.items():
            hint = hints[name]
            metadata = get_args(hint)[1:] if get_origin(hint) is Annotated else ()
            depends = next((m for m in metadata if isinstance(m, params_module.Depends)), None)
            if depends is not None:
                if (kind := _GIVEN.get(get_args(hint)[0])) is None:
                    raise ValueError(f"{route.path}: the lane cannot give the endpoint its {name}")
                given[name] = kind
                if kind == "principal":
                    roles = frozenset(getattr(depends.dependency, "roles", roles))
                continue
            if any(isinstance(m, params_module.Cookie | params_module.Body) for m in metadata):
                raise ValueError(f"{route.path}: the lane takes path, query and header parameters, not {name}")
            alias = next((m.alias for m in metadata if isinstance(m, params_module.Param) and m.alias), None)
            if any(isinstance(m, params_module.Header) for m in metadata):
                headers[(alias or name.replace("_", "-")).lower().encode("latin-1")] = (name, TypeAdapter(hint))
            else:
                params[alias or name] = (name, TypeAdapter(hint))
            if parameter.default is not inspect.Parameter.empty:
                defaults[name] = parameter.default
        if not {"runtime", "principal"} <= set(given.values()):
            raise ValueError(f"{route.path}: the lane answers endpoints taking the runtime and the caller")
        static = route.path.split("{", 1)[0]
        before = tuple(
            other.path_regex
            for other in earlier
            if other.path is not None
            and "GET" in (other.methods or ())
            and (other.path == route.path or ("{" in route.path and other.path.startswith(static)))
        )
        return cls(route, endpoint, before, roles, params, headers, defaults, given)

    def values(self, scope: Scope) -> dict[str, Any] | None:
        """The endpoint's parameters from the request's path, query and headers, validated; None when the route
        should see the request (a 422 to give, a parameter it does not take, one given twice or missing)."""
        path = scope["path"]
        matched = self.route.path_regex.fullmatch(path)
        if matched is None or any(earlier.fullmatch(path) for earlier in self.before):
            return None  # not this route's, or an earlier route's the router would choose
        given: list[tuple[tuple[str, TypeAdapter[Any]] | None, str]] = [
            (self.params.get(public), text) for public, text in matched.groupdict().items()
        ]
        given += [
            (self.params.get(public), text)
            for public, text in parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
        ]
        if self.headers:
            given += [
                (self.headers[name], value.decode("latin-1"))
                for name, value in scope["headers"]
                if name in self.headers
            ]
        values = dict(self.defaults)
        seen: set[str] = set()
        for param, text in given:
            if param is None or param[0] in seen:
                return None
            seen.add(param[0])
            try:
                values[param[0]] = param[1].validate_python(text)
            except ValidationError:
                return None
        if len(values) < len(self.params) + len(self.headers):
            return None
        return values


class LaneFront:
    """What a lane answering ahead of an app's middlewares keeps of their duties: the app's own admission limit
    (this one and the portal's read lane)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._admission: AdmissionLimit | None = None

    async def admitted(self, scope: Scope, receive: Receive, send: Send) -> asyncio.Semaphore | None:
        """A place in the app's admission limit, to release once answered; None when the request was turned away
        (503, as the limit answers it)."""
        if self._admission is None:
            self._admission = admission_limit_within(self.app)
        place = await self._admission.place()
        if place is None:
            await self._admission.turn_away(scope, receive, send)
        return place


class LaneReads(LaneFront):
    """ASGI middleware, a service's outermost: answers the GET routes of `paths` (see the module)."""

    def __init__(self, app: ASGIApp, *, paths: Collection[str]) -> None:
        super().__init__(app)
        self.paths = frozenset(paths)
        self._reads: tuple[LaneRead, ...] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        chosen = self._chosen(scope)
        if chosen is None:
            await self.app(scope, receive, send)
            return
        read, values, principal = chosen
        runtime: Runtime = scope["app"].state.runtime
        for name, kind in read.given.items():
            values[name] = runtime if kind == "runtime" else principal if kind == "principal" else runtime.clock
        place = await self.admitted(scope, receive, send)
        if place is None:
            return
        request_id = request_id_of(scope)
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response: Response | None = await read.endpoint(**values)
        except Exception as exc:  # the route answers it, in plain words, as ever
            log.debug("the lane left %s to its route: %r", scope["path"], exc)
            response = None
        finally:
            request_id_var.reset(token)
            place.release()
        if response is None:
            await self.app(scope, receive, send)
            return
        headers = [*response.raw_headers, (b"x-request-id", request_id.encode("latin-1"))]
        await send({"type": "http.response.start", "status": response.status_code, "headers": headers})
        await send({"type": "http.response.body", "body": response.body})
        scope["route"] = read.route
        observe(scope, response.status_code, time.perf_counter() - started, lane=True)

    def _chosen(self, scope: Scope) -> tuple[LaneRead, dict[str, Any], Principal] | None:
        if scope["type"] != "http" or scope["method"] != "GET":
            return None
        for read in self._lane_reads(scope):
            values = read.values(scope)
            if values is not None:
                break
        else:
            return None
        scheme, _, credentials = (header(scope, b"authorization") or "").partition(" ")
        if scheme.lower() != "bearer" or not credentials:
            return None
        principal = scope["app"].state.runtime.verifier.known(credentials)
        if principal is None or principal.role not in read.roles:
            return None
        return read, values, principal

    def _lane_reads(self, scope: Scope) -> tuple[LaneRead, ...]:
        """The app's GET routes of `paths`, read once from the app. A lane that cannot be built (a path with no GET
        route, a route it cannot answer as the route would) is an error logged once, and every request then goes the
        framework's way: slower, never wrong (the lane's tests fail on it)."""
        if self._reads is None:
            try:
                self._reads = _built(scope["app"].routes, self.paths)
            except (ValueError, TypeError, AttributeError, KeyError, NameError):
                log.exception("the read lane for %s cannot be built: those reads go the framework's way", self.paths)
                self._reads = ()
        return self._reads


def _built(routes: Sequence[Any], paths: frozenset[str]) -> tuple[LaneRead, ...]:
    every = list(iter_route_contexts(routes))
    found = {
        route.path: index for index, route in enumerate(every) if route.path in paths and "GET" in (route.methods or ())
    }
    if missing := paths - found.keys():
        raise ValueError(f"no GET route for the lane's paths {sorted(missing)}")
    return tuple(LaneRead.of(every[found[path]], every[: found[path]]) for path in sorted(paths))


def request_id_of(scope: Scope) -> str:
    """The request's id as the client gave it (`X-Request-ID`), or a new one."""
    return header(scope, b"x-request-id") or uuid.uuid4().hex


def header(scope: Scope, wanted: bytes) -> str | None:
    """The first value of a request header (`wanted` in lower case), as text."""
    for name, value in scope["headers"]:
        if name == wanted:
            return str(value.decode("latin-1"))
    return None
