"""Event consumer: poll → inbox claim → handler → database commit → offset commit.

The offset is committed only after the database transaction that recorded the event id and applied its effect. A
consumer that dies between the two sees the event again and skips it: the effect is applied once. A handler that
keeps failing is retried with exponential backoff, then goes to `<topic>.dlq` with the error in its headers. A
transaction PostgreSQL rolled back for another's sake (a deadlock, a serialization failure) is retried the same way,
but never dead-lettered: when the last attempt conflicts still, the consumer stops as for a database down.

A handler whose prerequisite has not arrived raises `PrerequisiteMissing`: the event is parked in the waiting room
(`shared.waiting_room`) in the same transaction as its inbox row, and applied when an event whose subject is the
awaited id has been applied, or on the consumer's timer; after the patience it goes to the dead-letter topic with
its reason. Later events of the same partition key queue behind it, so a case's order holds.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from kafka import KafkaConsumer, KafkaProducer, OffsetAndMetadata
from kafka.consumer.fetcher import ConsumerRecord
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlmodel import Session

from shared.clock import Clock
from shared.config import BaseServiceSettings
from shared.consumer_apply import apply_or_park
from shared.consumer_batch import handle_records
from shared.consumer_loop import run_consumer
from shared.consumer_outcomes import EventRefused, Outcome, StoreUnavailable, is_conflict, record_headers
from shared.consumer_runs import RunHandler, RunHandlers
from shared.events.base import Event
from shared.events.envelope import CloudEvent
from shared.inbox import claim
from shared.kafka import close_producer, make_consumer, make_producer
from shared.logs import REQUEST_ID_HEADER, request_id_var
from shared.parked_events import ParkedEvents
from shared.topic_rebirths import TopicRebirths
from shared.topics import DLQ_SUFFIX
from shared.waiting_room import is_awaited

log = logging.getLogger(__name__)

__all__ = ["EventConsumer", "EventRefused", "Handler", "Handlers", "Outcome", "RunHandlers", "StoreUnavailable"]


class Handler(Protocol):
    def __call__(self, *, session: Session, event: Any, envelope: CloudEvent, clock: Clock) -> None: ...


Handlers = dict[type[Event], Handler]


class EventConsumer:
    def __init__(
        self,
        *,
        engine: Engine,
        settings: BaseServiceSettings,
        handlers: Handlers,
        clock: Clock,
        consumer_factory: Callable[[], KafkaConsumer] | None = None,
        producer_factory: Callable[[], KafkaProducer] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        after_db_commit: Callable[[ConsumerRecord], None] | None = None,
        run_handlers: RunHandlers | None = None,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.clock = clock
        self.handlers: dict[str, tuple[type[Event], Handler]] = {
            event_type: (cls, fn) for cls, fn in handlers.items() for event_type in (cls.type, *cls.supersedes)
        }
        self.run_handlers: dict[str, RunHandler] = {
            event_type: fn for cls, fn in (run_handlers or {}).items() for event_type in (cls.type, *cls.supersedes)
        }
        topics = self.topics = sorted({settings.kafka_topic_prefix + cls.topic for cls in handlers})
        group = self.group_id = f"{settings.kafka_topic_prefix}{settings.service_name}"
        self._consumer_factory = consumer_factory or (lambda: make_consumer(settings, group_id=group, topics=topics))
        self._producer_factory = producer_factory or (lambda: make_producer(settings))
        self._consumer: KafkaConsumer | None = None
        self._producer: KafkaProducer | None = None
        self._sleep = sleep
        self._after_db_commit = after_db_commit
        self._rebirths = TopicRebirths(self.topics)
        self.parked = ParkedEvents(
            engine=engine, settings=settings, clock=clock, handlers=self.handlers, send_to_dlq=self._send_to_dlq
        )

    def poll_once(self, timeout_ms: int = 500) -> list[Outcome]:
        """Handle one batch and commit its offsets. Returns what became of each record."""
        if not self._rebirths.prepare(consumer := self._ensure_consumer()):
            self._sleep(timeout_ms / 1000)  # no group (the embedded broker), and none of its topics exists yet
            return []
        batches = consumer.poll(timeout_ms=timeout_ms)
        outcomes = handle_records(self, [record for records in batches.values() for record in records])
        offsets = {
            tp: OffsetAndMetadata(records[-1].offset + 1, None, -1) for tp, records in batches.items() if records
        }
        if offsets:
            consumer.commit(offsets)
        self._rebirths.rewind(consumer)
        return outcomes

    def handle_record(self, record: ConsumerRecord, *, failed_once: bool = False) -> Outcome:
        """One record in its own transaction; `failed_once` when its handler already failed once in a batch (that
        counts as its first attempt)."""
        token = request_id_var.set(record_headers(record).get(REQUEST_ID_HEADER))
        try:
            try:
                envelope = CloudEvent.from_bytes(record.value)
            except ValidationError as exc:
                self._dead_letter(record, f"not a CloudEvents envelope: {exc}", "InvalidEnvelope")
                return Outcome("dead_lettered", None)
            known = self.handlers.get(envelope.type)
            if known is None:
                return Outcome("ignored", envelope.id)
            event_cls, handler = known
            return self._apply_with_retries(record, envelope, event_cls, handler, failed_once=failed_once)
        finally:
            request_id_var.reset(token)

    def _apply_with_retries(
        self,
        record: ConsumerRecord,
        envelope: CloudEvent,
        event_cls: type[Event],
        handler: Handler,
        *,
        failed_once: bool = False,
    ) -> Outcome:
        attempts = max(1, self.settings.consumer_max_attempts)
        first = min(2 if failed_once else 1, attempts)
        if first > 1:
            self._sleep(self.settings.consumer_backoff_ms / 1000)
        for attempt in range(first, attempts + 1):
            try:
                with Session(self.engine, expire_on_commit=False) as session, session.begin():
                    fresh = claim(
                        session, event_id=envelope.id, event_type=envelope.type, topic=record.topic, at=self.clock.now()
                    )
                    status = "duplicate"
                    if fresh:
                        status = self.apply_or_park(session, record, envelope, event_cls, handler)
                    awaited = (
                        status == "applied" and envelope.subject is not None and is_awaited(session, envelope.subject)
                    )
                self.after_db_commit(record)
                log.info("event %s", status, extra={"event_id": envelope.id, "event_type": envelope.type})
                if awaited and envelope.subject:
                    self.release({envelope.subject})
                return Outcome(status, envelope.id)
            except (ValidationError, EventRefused) as exc:
                # A payload that does not fit its own contract will not fit it on a retry either.
                return self._give_up(record, envelope, exc)
            except (OperationalError, InterfaceError, PoolTimeout) as exc:
                if is_conflict(exc) and attempt < attempts:
                    # PostgreSQL rolled this transaction back for another's sake (a deadlock, a serialization
                    # failure): tried again once that one has committed, it goes through.
                    self._back_off(envelope, exc, attempt=attempt, attempts=attempts)
                    continue
                # The database is down or restarting, or conflicts outlasted every attempt: not the event at fault,
                # never dead-lettered for it (issue 18's proof lost four events so). The batch stops uncommitted; the
                # loop starts the consumer again, and the event comes again.
                cause = "kept conflicting with other transactions" if is_conflict(exc) else "is unreachable"
                raise StoreUnavailable(f"the database {cause}: {exc}") from exc
            except Exception as exc:
                if attempt == attempts:
                    return self._give_up(record, envelope, exc)
                self._back_off(envelope, exc, attempt=attempt, attempts=attempts)
        raise AssertionError("unreachable")

    def _back_off(self, envelope: CloudEvent, exc: Exception, *, attempt: int, attempts: int) -> None:
        delay = self.settings.consumer_backoff_ms / 1000 * 2 ** (attempt - 1)
        log.warning(
            "handler failed (attempt %s of %s), retrying in %.2fs: %s",
            attempt,
            attempts,
            delay,
            exc,
            extra={"event_id": envelope.id, "event_type": envelope.type},
        )
        self._sleep(delay)

    def after_db_commit(self, record: ConsumerRecord) -> None:
        if self._after_db_commit is not None:
            self._after_db_commit(record)

    def apply_or_park(
        self, session: Session, record: ConsumerRecord, envelope: CloudEvent, event_cls: type[Event], handler: Handler
    ) -> str:
        return apply_or_park(session, record, envelope, event_cls, handler, clock=self.clock)

    def release(self, awaited: set[str] | None = None) -> int:
        """Apply the parked events waiting for one of `awaited` (every chain when None); see `ParkedEvents`."""
        return self.parked.release(awaited)

    def expire_parked(self) -> int:
        return self.parked.expire()

    def _give_up(self, record: ConsumerRecord, envelope: CloudEvent, exc: Exception) -> Outcome:
        self._dead_letter(record, str(exc), type(exc).__name__)
        with Session(self.engine) as session, session.begin():
            claim(
                session,
                event_id=envelope.id,
                event_type=envelope.type,
                topic=record.topic,
                at=self.clock.now(),
                status="dead_lettered",
            )
        log.error(
            "event sent to the dead-letter topic: %s", exc, extra={"event_id": envelope.id, "event_type": envelope.type}
        )
        return Outcome("dead_lettered", envelope.id)

    def _dead_letter(self, record: ConsumerRecord, error: str, error_type: str) -> None:
        self._send_to_dlq(
            topic=record.topic,
            key=record.key,
            value=record.value,
            headers=list(record.headers or []),
            error=error,
            error_type=error_type,
            partition=record.partition,
            offset=record.offset,
        )

    def _send_to_dlq(
        self,
        *,
        topic: str,
        key: bytes | None,
        value: bytes,
        headers: list[tuple[str, bytes]],
        error: str,
        error_type: str,
        partition: int,
        offset: int,
    ) -> None:
        producer = self._ensure_producer()
        headers = [
            *headers,
            ("error", error[:4000].encode()),
            ("error_type", error_type.encode()),
            ("original_topic", topic.encode()),
            ("original_partition", str(partition).encode()),
            ("original_offset", str(offset).encode()),
            ("consumer_group", self.group_id.encode()),
        ]
        producer.send(topic + DLQ_SUFFIX, key=key, value=value, headers=headers).get(timeout=15)

    def run(self, stop: threading.Event) -> None:
        run_consumer(self, stop)

    def is_assigned(self) -> bool:
        """Whether the group gave this consumer its partitions (a consumer still joining must keep polling)."""
        return self._consumer is not None and bool(self._consumer.assignment())

    def _ensure_consumer(self) -> KafkaConsumer:
        if self._consumer is None:
            self._consumer = self._consumer_factory()
        return self._consumer

    def _ensure_producer(self) -> KafkaProducer:
        if self._producer is None:
            self._producer = self._producer_factory()
        return self._producer

    def close(self) -> None:
        if self._producer is not None:
            close_producer(self._producer)
        try:
            if self._consumer is not None:
                self._consumer.close()
        except Exception:
            log.debug("closing a kafka client failed", exc_info=True)
        self._consumer = None
        self._producer = None
