"""Overload is answered, not queued: a process works on a bounded number of requests at once, lets a few more
wait a short, bounded time, and tells the rest to come back (503 with `Retry-After`) at once.

Without the bound, a burst beyond what the database pool serves piles up in the thread pool and in the pool's
own queue: every request then waits for everyone ahead of it, clients time out, and the requests that finally
get a connection answer people who left long ago (issue 11: 200 readers froze intake for 30 s)."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from fastapi.responses import JSONResponse
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from shared.config import BaseServiceSettings
from shared.i18n import negotiate
from shared.logs import REQUEST_ID_HEADER

log = logging.getLogger(__name__)

# What an orchestrator and a scraper ask: answered even (above all) when the process is saturated. And the
# portal's public keys: a service verifies tokens with them, so a service that cannot fetch them answers no one.
# Held back behind client requests that themselves wait on that service, the fetch would wait for ever (seen in
# the proof's load run: every reader's first request answered 401 while intake fetched the keys).
OPERATIONS_PATHS = ("/healthz", "/readyz", "/metrics", "/.well-known/jwks.json")


def overloaded_response(accept_language: str | None, *, retry_after_s: int) -> JSONResponse:
    """503 in the client's language, with the other beside it, and when to try again."""
    english = f"the service is busy; nothing was changed. Try again in {retry_after_s} s"
    french = f"le service est saturé ; rien n'a été modifié. Réessayez dans {retry_after_s} s"
    language = negotiate(accept_language)
    return JSONResponse(
        {"detail": french if language == "fr" else english, "detail_fr": french, "detail_en": english},
        status_code=503,
        headers={"Retry-After": str(retry_after_s), "Content-Language": language, "Vary": "Accept-Language"},
    )


@dataclass(frozen=True)
class AdmissionLimits:
    max_in_flight: int
    max_waiting: int
    wait_s: float
    retry_after_s: int

    @classmethod
    def of(cls, settings: BaseServiceSettings) -> AdmissionLimits:
        return cls(
            max_in_flight=settings.max_in_flight,
            max_waiting=settings.max_waiting,
            wait_s=settings.admission_wait_s,
            retry_after_s=settings.overload_retry_after_s,
        )


class AdmissionLimit:
    """ASGI middleware: at most `max_in_flight` HTTP requests are being answered at once (a streamed body
    counts until its last byte); up to `max_waiting` more wait at most `wait_s` for a place; anything beyond
    gets 503 with `Retry-After` without waiting. The operations paths are never held back.

    `limits` is read when the first request arrives: the settings live in the runtime the lifespan builds."""

    def __init__(
        self, app: ASGIApp, *, limits: Callable[[], AdmissionLimits], exempt: Collection[str] = OPERATIONS_PATHS
    ) -> None:
        self.app = app
        self.exempt = frozenset(exempt)
        self._read_limits = limits
        self.limits: AdmissionLimits | None = None
        self.waiting = 0
        self.shed = 0
        self._shed_logged = (0.0, 0)
        self._slots: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.exempt:
            await self.app(scope, receive, send)
            return
        place = await self.place()
        if place is None:
            await self.turn_away(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            place.release()

    async def place(self) -> asyncio.Semaphore | None:
        """A place among those in flight, taken at once if one is free, else after a bounded wait; to be released
        once the answer is sent. None: none came, the request is to be turned away (`turn_away`). Also used by a
        front that answers some requests itself, ahead of this middleware (the portal's read lane)."""
        slots, limits = self._slots_of_this_loop()
        return slots if await self._admit(slots, limits) else None

    async def turn_away(self, scope: Scope, receive: Receive, send: Send) -> None:
        """503 with `Retry-After`, in the client's language, the request's id echoed (counted, logged once a
        second at most)."""
        _, limits = self._slots_of_this_loop()
        self._count_shed(limits)
        headers = Headers(scope=scope)
        response = overloaded_response(headers.get("accept-language"), retry_after_s=limits.retry_after_s)
        response.headers[REQUEST_ID_HEADER] = headers.get(REQUEST_ID_HEADER) or uuid.uuid4().hex
        await response(scope, receive, send)

    async def _admit(self, slots: asyncio.Semaphore, limits: AdmissionLimits) -> bool:
        if not slots.locked():
            await slots.acquire()  # a free place: taken without yielding
            return True
        if self.waiting >= limits.max_waiting or limits.wait_s <= 0:
            return False
        self.waiting += 1
        try:
            async with asyncio.timeout(limits.wait_s):
                await slots.acquire()
            return True
        except TimeoutError:
            return False
        finally:
            self.waiting -= 1

    def _count_shed(self, limits: AdmissionLimits) -> None:
        """One log line a second at most: a flood must not turn into a flood of log lines."""
        self.shed += 1
        logged_at, logged_count = self._shed_logged
        now = time.monotonic()
        if now - logged_at >= 1.0:
            log.warning(
                "overloaded: %s requests answered 503 since the last report (%s in flight, %s waiting)",
                self.shed - logged_count,
                limits.max_in_flight,
                self.waiting,
            )
            self._shed_logged = (now, self.shed)

    def _slots_of_this_loop(self) -> tuple[asyncio.Semaphore, AdmissionLimits]:
        """One semaphore per event loop: a test client runs each of its sessions on a loop of its own."""
        loop = asyncio.get_running_loop()
        if self._slots is None or self.limits is None or self._loop is not loop:
            self.limits = self._read_limits()
            self._slots, self._loop = asyncio.Semaphore(self.limits.max_in_flight), loop
        return self._slots, self.limits


def admission_limit_within(app: Any) -> AdmissionLimit:
    """The admission limit among the middlewares `app` wraps (each holds the next as `app`), for a front that
    answers some requests ahead of it (`shared.lane_reads`, the portal's read lane). AttributeError if there is
    none: an app built wrong."""
    inner = app
    while not isinstance(inner, AdmissionLimit):
        inner = inner.app
    return inner
