"""What one service process holds for its life: engine, clock, token verifier, background workers.

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

from shared.auth import TokenVerifier
from shared.clock import SettableClock
from shared.config import BaseServiceSettings
from shared.consumer import EventConsumer, Handlers
from shared.db import make_engine
from shared.kafka import make_admin
from shared.relay import OutboxRelay

log = logging.getLogger(__name__)

Seeder = Callable[[Session, "Runtime"], None]


@dataclass
class Runtime:
    settings: BaseServiceSettings
    engine: Engine
    clock: SettableClock
    verifier: TokenVerifier
    handlers: Handlers = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)
    threads: list[threading.Thread] = field(default_factory=list)
    _admin: KafkaAdminClient | None = None

    @classmethod
    def build(cls, settings: BaseServiceSettings, *, handlers: Handlers | None = None,
              verifier: TokenVerifier | None = None, clock: SettableClock | None = None) -> Runtime:
        return cls(
            settings=settings,
            engine=make_engine(settings.database_url),
            clock=clock or SettableClock(),
            verifier=verifier or TokenVerifier(
                issuer=settings.jwt_issuer, audience=settings.jwt_audience, jwks_url=settings.jwks_url
            ),
            handlers=handlers or {},
        )

    def start_workers(self) -> None:
        relay = OutboxRelay(engine=self.engine, settings=self.settings)
        self._spawn("outbox-relay", relay.run)
        if self.handlers:
            consumer = EventConsumer(engine=self.engine, settings=self.settings, handlers=self.handlers, clock=self.clock)
            self._spawn("event-consumer", consumer.run)

    def _spawn(self, name: str, target: Callable[[threading.Event], None]) -> None:
        thread = threading.Thread(target=target, args=(self.stop,), name=f"{self.settings.service_name}-{name}", daemon=True)
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
