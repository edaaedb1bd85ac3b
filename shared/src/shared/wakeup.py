"""Wake on work instead of polling: a PostgreSQL connection of its own that LISTENs to one channel.

- The relay listens to `recouvra_outbox` in its service's database: `shared.outbox.record_event` sends the NOTIFY
  in the transaction that stages an event, so PostgreSQL delivers it at commit (and never on rollback).
- In the embedded profile, consumers listen to `recouvra_published` in the server's `postgres` database, where
  every relay announces the topics it just published to: the embedded broker holds each fetch for its whole wait
  even when data is there, so an idle consumer sleeps here, not on a fetch (`shared.consumer`). On Apache Kafka a
  long fetch wait does the same job and this channel is not used.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable

import psycopg
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from shared.config import BaseServiceSettings, Profile

log = logging.getLogger(__name__)
PUBLISHED_CHANNEL = "recouvra_published"
STOP_CHECK_S = 2.0  # how often a sleeper looks at its stop event (a shutdown waits at most this long for it)


def conninfo_of(engine: Engine) -> str:
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def published_conninfo(settings: BaseServiceSettings) -> str | None:
    """Where relays announce what they published: the embedded server's `postgres` database; None elsewhere."""
    if settings.profile != Profile.EMBEDDED or not settings.database_url:
        return None
    url = make_url(settings.database_url).set(drivername="postgresql", database="postgres")
    return url.render_as_string(hide_password=False)


class Listener:
    def __init__(self, conninfo: str, *, channel: str, name: str) -> None:
        self._conninfo, self._channel, self._name = conninfo, channel, name
        self._conn: psycopg.Connection[tuple[object, ...]] | None = None

    def listen(self) -> None:
        """Opens the connection and LISTENs: call it before looking for work, so that no NOTIFY falls between."""
        if self._conn is None or self._conn.closed:
            self._conn = psycopg.connect(self._conninfo, autocommit=True, application_name=self._name)
            self._conn.execute(f"LISTEN {self._channel}")

    def wait(self, timeout_s: float, *, wanted: Callable[[str], bool] | None = None) -> bool:
        """Blocks until a NOTIFY (whose payload is `wanted`, when given) arrives (True) or `timeout_s` passes
        (False); the notifications queued meanwhile are consumed too. Raises `psycopg.Error` on a lost connection."""
        self.listen()
        assert self._conn is not None
        woken = False
        deadline = time.monotonic() + timeout_s
        while not woken and (left := deadline - time.monotonic()) > 0:
            for notice in self._conn.notifies(timeout=left, stop_after=1):
                woken = wanted is None or wanted(notice.payload)
        for notice in self._conn.notifies(timeout=0):
            woken = woken or wanted is None or wanted(notice.payload)
        return woken

    def sleep(
        self,
        stop: threading.Event,
        *,
        until: float,
        fallback_s: float,
        wanted: Callable[[str], bool] | None = None,
    ) -> None:
        """Returns at a NOTIFY, at `until` (a `time.monotonic()` instant), or within `STOP_CHECK_S` of `stop`. A
        lost connection costs one `fallback_s` pause, then the caller goes on polling until `listen` works again."""
        while not stop.is_set():
            left = until - time.monotonic()
            if left <= 0:
                return
            try:
                if self.wait(min(left, STOP_CHECK_S), wanted=wanted):
                    return
            except psycopg.Error as exc:
                log.warning("%s lost its %s listener (%s); polling until it is back", self._name, self._channel, exc)
                self.close()
                stop.wait(fallback_s)
                return

    def notify(self, payload: str) -> None:
        """Sends a NOTIFY on this connection (autocommit: delivered at once)."""
        self.listen()
        assert self._conn is not None
        self._conn.execute("SELECT pg_notify(%s, %s)", (self._channel, payload))

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except psycopg.Error:
                log.debug("closing the %s listener failed", self._channel, exc_info=True)
        self._conn = None


def topics_payload(topics: Iterable[str]) -> str:
    payload = ",".join(sorted(set(topics)))
    return payload if len(payload) < 7900 else "*"  # NOTIFY payloads stop at 8000 bytes: then "every topic"


def names_one_of(topics: Iterable[str]) -> Callable[[str], bool]:
    mine = set(topics)
    return lambda payload: payload == "*" or not mine.isdisjoint(payload.split(","))


class Announcer:
    """The relay's side of `recouvra_published` (embedded profile; does nothing elsewhere). Best effort: a consumer
    that misses an announcement finds the events at its next safety poll."""

    def __init__(self, settings: BaseServiceSettings) -> None:
        conninfo = published_conninfo(settings)
        name = f"{settings.service_name}-relay-announce"
        self._listener = Listener(conninfo, channel=PUBLISHED_CHANNEL, name=name) if conninfo else None

    def announce(self, topics: Iterable[str]) -> None:
        if self._listener is None:
            return
        try:
            self._listener.notify(topics_payload(topics))
        except psycopg.Error as exc:
            log.warning("the relay could not announce what it published (%s)", exc)
            self._listener.close()

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()
