"""Parked events leave the waiting room: applied once what they wait for is there, or sent to the dead-letter topic
with their reason after the patience. Used by the consumer after each applied event and on its timer."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from shared.clock import Clock
from shared.config import BaseServiceSettings
from shared.events.envelope import CloudEvent
from shared.inbox import mark
from shared.waiting_room import ParkedEvent, PrerequisiteMissing, chains_awaiting, count_parked

log = logging.getLogger(__name__)


class ParkedEvents:
    def __init__(
        self,
        *,
        engine: Engine,
        settings: BaseServiceSettings,
        clock: Clock,
        handlers: dict[str, tuple[Any, Any]],
        send_to_dlq: Callable[..., None],
    ) -> None:
        self.engine, self.settings, self.clock = engine, settings, clock
        self.handlers = handlers
        """event type -> (event class, handler), the consumer's own map"""
        self.send_to_dlq = send_to_dlq

    def sweep(self) -> bool:
        """Retry every parked chain and expire what waited too long. Returns whether anything is still parked."""
        self.release()
        self.expire()
        with Session(self.engine) as session:
            return count_parked(session) > 0

    def release(self, awaited: set[str] | None = None) -> int:
        """Apply the parked events whose chain head waits for one of `awaited` (every chain when None), each chain
        in its order until one still waits. Returns how many were applied; what they provide is released too."""
        with Session(self.engine) as session:
            chains = chains_awaiting(session, awaited)
        applied, provided = 0, set()
        for topic, key in chains:
            while (subject := self._release_head(topic, key)) is not None:
                applied += 1
                if subject:
                    provided.add(subject)
        if provided:
            applied += self.release(provided)
        return applied

    def _release_head(self, topic: str, key: str | None) -> str | None:
        """Apply the first parked event of one chain: its subject ("" if none) once applied, None if it still waits,
        another consumer holds it, or the chain is empty."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            condition = col(ParkedEvent.key).is_(None) if key is None else ParkedEvent.key == key
            head = session.exec(
                select(ParkedEvent)
                .where(ParkedEvent.topic == topic, condition)
                .order_by(col(ParkedEvent.seq))
                .limit(1)
                .with_for_update(skip_locked=True)
            ).first()
            if head is None:
                return None
            envelope = CloudEvent.from_bytes(head.value.encode())
            known = self.handlers.get(envelope.type)
            if known is None:  # its handler was removed since: nothing will ever apply it here
                session.delete(head)
                mark(session, event_id=envelope.id, status="ignored")
                return envelope.subject or ""
            event_cls, handler = known
            try:
                with session.begin_nested():
                    handler(
                        session=session,
                        event=event_cls.model_validate(envelope.data),
                        envelope=envelope,
                        clock=self.clock,
                    )
            except PrerequisiteMissing as missing:
                head.awaiting, head.reason = missing.awaiting, missing.reason
                head.attempts += 1
                head.last_tried_at = self.clock.now()
                return None
            except Exception:
                log.warning(
                    "a parked event failed again; it stays parked",
                    exc_info=True,
                    extra={"event_id": envelope.id, "event_type": envelope.type},
                )
                return None
            session.delete(head)
            mark(session, event_id=envelope.id, status="applied")
        log.info("parked event applied", extra={"event_id": envelope.id, "event_type": envelope.type})
        return envelope.subject or ""

    def expire(self) -> int:
        """Send to the dead-letter topic, with their reason, the events parked for longer than the patience."""
        limit = self.clock.now() - timedelta(hours=self.settings.waiting_room_patience_h)
        expired = 0
        while True:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                row = session.exec(
                    select(ParkedEvent)
                    .where(col(ParkedEvent.parked_at) < limit)
                    .order_by(col(ParkedEvent.seq))
                    .limit(1)
                    .with_for_update(skip_locked=True)
                ).first()
                if row is None:
                    return expired
                self.send_to_dlq(
                    topic=row.topic,
                    key=row.key.encode() if row.key else None,
                    value=row.value.encode(),
                    headers=[(k, v.encode()) for k, v in row.headers.items()],
                    error=f"waited {self.settings.waiting_room_patience_h} h for {row.awaiting}: {row.reason}",
                    error_type="PrerequisiteMissing",
                    partition=row.partition,
                    offset=row.offset,
                )
                session.delete(row)
                mark(session, event_id=row.event_id, status="dead_lettered")
                expired += 1
            log.error(
                "a parked event waited too long and went to the dead-letter topic",
                extra={"event_id": row.event_id, "event_type": row.event_type},
            )
