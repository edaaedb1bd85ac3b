"""What one service process holds for its life: engines, clock, token verifier, background workers.

Two engines: `engine` serves the API (a short pool wait, answered 503 when it runs out); `worker_engine`
serves the outbox relay, the event consumer and background jobs, with connections of its own, so that a
flood of reads cannot stop events from flowing.

Built in the FastAPI lifespan (or a test fixture) and passed in; domain and service code never reach
for a global.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from kafka.admin import KafkaAdminClient
from sqlalchemy import Engine
from sqlmodel import Session

from shared.async_reads import ReadConnections
from shared.auth import TokenVerifier
from shared.clock import SettableClock
from shared.config import BaseServiceSettings
from shared.consumer import EventConsumer, Handlers, RunHandlers
from shared.db import make_engine
from shared.kafka import make_admin
from shared.relay import OutboxRelay
from shared.revocations import Revocations

log = logging.getLogger(__name__)

Seeder = Callable[[Session, "Runtime"], None]


@dataclass
class Runtime:
    settings: BaseServiceSettings
    engine: Engine
    clock: SettableClock
    verifier: TokenVerifier
    worker_engine: Engine
    handlers: Handlers = field(default_factory=dict)
    run_handlers: RunHandlers = field(default_factory=dict)
    """set-based handlers of some types, beside their handlers (`shared.consumer_runs`)"""
    stop: threading.Event = field(default_factory=threading.Event)
    threads: list[threading.Thread] = field(default_factory=list)
    on_event: list[Callable[[], None]] = field(default_factory=list)
    """called after the consumer committed what an event did: workers that sleep until work comes wake"""
    clock_given: bool = False
    reads: ReadConnections | None = None
    """the API's reads on the event loop (`shared.async_reads`), opened by the app's lifespan"""
    """a clock handed to `build` (tests) is the caller's: the platform clock kept in the database is not restored"""
    _admin: KafkaAdminClient | None = None

    @classmethod
    def build(
        cls,
        settings: BaseServiceSettings,
        *,
        handlers: Handlers | None = None,
        run_handlers: RunHandlers | None = None,
        verifier: TokenVerifier | None = None,
        clock: SettableClock | None = None,
    ) -> Runtime:
        name = settings.service_name
        return cls(
            settings=settings,
            engine=make_engine(
                settings.database_url,
                pool_size=settings.db_pool_size,
                max_overflow=settings.db_max_overflow,
                pool_timeout_s=settings.db_pool_timeout_s,
                name=f"{name}-api",
                ping_after_idle_s=settings.db_ping_after_idle_s,
            ),
            worker_engine=make_engine(
                settings.database_url,
                pool_size=settings.worker_db_pool_size,
                max_overflow=settings.worker_db_max_overflow,
                name=f"{name}-workers",
                ping_after_idle_s=settings.db_ping_after_idle_s,
            ),
            clock=clock or SettableClock(),
            verifier=verifier
            or TokenVerifier(
                issuer=settings.jwt_issuer,
                audience=settings.jwt_audience,
                jwks_url=settings.jwks_url,
                jwks_ttl_s=settings.jwks_cache_ttl_s,
                revocations=Revocations.published_at(settings.revocations_url, refresh_s=settings.revocations_refresh_s)
                if settings.revocations_url
                else None,
            ),
            handlers=handlers or {},
            run_handlers=run_handlers or {},
            clock_given=clock is not None,
        )

    def start_revocations(self) -> None:
        """Keeps the list of withdrawn accesses fresh for the life of the app, whether or not it runs workers: it
        decides which tokens the API refuses (`shared.revocations`)."""
        if self.verifier.revocations.fetches:
            self._spawn("revocations", self.verifier.revocations.run)

    def start_workers(self) -> None:
        relay = OutboxRelay(engine=self.worker_engine, settings=self.settings)
        self._spawn("outbox-relay", relay.run)
        if self.handlers:
            consumer = EventConsumer(
                engine=self.worker_engine,
                settings=self.settings,
                handlers=self.handlers,
                run_handlers=self.run_handlers,
                clock=self.clock,
                after_db_commit=lambda record: self._event_handled(),
            )
            self._spawn("event-consumer", consumer.run)

    def _event_handled(self) -> None:
        for callback in list(self.on_event):
            callback()

    def _spawn(self, name: str, target: Callable[[threading.Event], None]) -> None:
        thread = threading.Thread(
            target=target, args=(self.stop,), name=f"{self.settings.service_name}-{name}", daemon=True
        )
        thread.start()
        self.threads.append(thread)

    def broker_is_reachable(self) -> bool:
        try:
            if self._admin is None:
                self._admin = make_admin(self.settings)
            self._admin.list_topics()
            return True
        except Exception:
            if self._admin is not None:
                try:
                    self._admin.close()
                except Exception:
                    log.debug("closing the admin client failed", exc_info=True)
            self._admin = None
            return False

    def shutdown(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=15)
        if self._admin is not None:
            self._admin.close()
        self.engine.dispose()
        self.worker_engine.dispose()
