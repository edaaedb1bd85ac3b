"""Event consumer: poll → inbox claim → handler → database commit → offset commit.

The offset is committed only after the database transaction that recorded the event id and applied
its effect. A consumer that dies between the two sees the event again and skips it: the effect is
applied once. A handler that keeps failing is retried with exponential backoff, then the event goes to
`<topic>.dlq` with the error in its headers, and the consumer moves on.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from kafka import KafkaConsumer, KafkaProducer, OffsetAndMetadata, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlmodel import Session

from shared.clock import Clock
from shared.config import BaseServiceSettings
from shared.events.base import Event, event_class_for
from shared.events.envelope import CloudEvent
from shared.inbox import claim
from shared.kafka import make_consumer, make_producer
from shared.logs import REQUEST_ID_HEADER, request_id_var
from shared.topics import DLQ_SUFFIX

log = logging.getLogger(__name__)


class Handler(Protocol):
    def __call__(self, *, session: Session, event: Any, envelope: CloudEvent, clock: Clock) -> None: ...


Handlers = dict[type[Event], Handler]


@dataclass(frozen=True)
class Outcome:
    status: str  # applied | duplicate | ignored | dead_lettered
    event_id: str | None


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
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.clock = clock
        self.handlers: dict[str, tuple[type[Event], Handler]] = {cls.type: (cls, fn) for cls, fn in handlers.items()}
        self.topics = sorted({settings.kafka_topic_prefix + cls.topic for cls in handlers})
        self.group_id = f"{settings.kafka_topic_prefix}{settings.service_name}"
        self._consumer_factory = consumer_factory or (
            lambda: make_consumer(settings, group_id=self.group_id, topics=self.topics)
        )
        self._producer_factory = producer_factory or (lambda: make_producer(settings))
        self._consumer: KafkaConsumer | None = None
        self._producer: KafkaProducer | None = None
        self._sleep = sleep
        self._after_db_commit = after_db_commit

    def poll_once(self, timeout_ms: int = 500) -> list[Outcome]:
        """Handle one batch and commit its offsets. Returns what became of each record."""
        consumer = self._ensure_consumer()
        batches = consumer.poll(timeout_ms=timeout_ms)
        outcomes: list[Outcome] = []
        offsets: dict[TopicPartition, OffsetAndMetadata] = {}
        for tp, records in batches.items():
            for record in records:
                outcomes.append(self.handle_record(record))
                offsets[tp] = OffsetAndMetadata(record.offset + 1, None, -1)
        if offsets:
            consumer.commit(offsets)
        return outcomes

    def handle_record(self, record: ConsumerRecord) -> Outcome:
        headers = {name: value.decode(errors="replace") for name, value in (record.headers or [])}
        token = request_id_var.set(headers.get(REQUEST_ID_HEADER))
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
            return self._apply_with_retries(record, envelope, event_cls, handler)
        finally:
            request_id_var.reset(token)

    def _apply_with_retries(
        self, record: ConsumerRecord, envelope: CloudEvent, event_cls: type[Event], handler: Handler
    ) -> Outcome:
        attempts = max(1, self.settings.consumer_max_attempts)
        for attempt in range(1, attempts + 1):
            try:
                with Session(self.engine, expire_on_commit=False) as session, session.begin():
                    fresh = claim(
                        session, event_id=envelope.id, event_type=envelope.type, topic=record.topic, at=self.clock.now()
                    )
                    if fresh:
                        event = event_cls.model_validate(envelope.data)
                        handler(session=session, event=event, envelope=envelope, clock=self.clock)
                if self._after_db_commit is not None:
                    self._after_db_commit(record)
                status = "applied" if fresh else "duplicate"
                log.info("event %s", status, extra={"event_id": envelope.id, "event_type": envelope.type})
                return Outcome(status, envelope.id)
            except ValidationError as exc:
                # A payload that does not fit its own contract will not fit it on a retry either.
                return self._give_up(record, envelope, exc)
            except Exception as exc:
                if attempt == attempts:
                    return self._give_up(record, envelope, exc)
                delay = self.settings.consumer_backoff_ms / 1000 * 2 ** (attempt - 1)
                log.warning("handler failed (attempt %s of %s), retrying in %.2fs: %s", attempt, attempts, delay, exc,
                            extra={"event_id": envelope.id, "event_type": envelope.type})
                self._sleep(delay)
        raise AssertionError("unreachable")

    def _give_up(self, record: ConsumerRecord, envelope: CloudEvent, exc: Exception) -> Outcome:
        self._dead_letter(record, str(exc), type(exc).__name__)
        with Session(self.engine) as session, session.begin():
            claim(session, event_id=envelope.id, event_type=envelope.type, topic=record.topic, at=self.clock.now(),
                  status="dead_lettered")
        log.error("event sent to the dead-letter topic: %s", exc, extra={"event_id": envelope.id, "event_type": envelope.type})
        return Outcome("dead_lettered", envelope.id)

    def _dead_letter(self, record: ConsumerRecord, error: str, error_type: str) -> None:
        producer = self._ensure_producer()
        headers = list(record.headers or []) + [
            ("error", error[:4000].encode()),
            ("error_type", error_type.encode()),
            ("original_topic", record.topic.encode()),
            ("original_partition", str(record.partition).encode()),
            ("original_offset", str(record.offset).encode()),
            ("consumer_group", self.group_id.encode()),
        ]
        producer.send(record.topic + DLQ_SUFFIX, key=record.key, value=record.value, headers=headers).get(timeout=15)

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self.poll_once()
            except Exception:
                log.exception("consumer pass failed; reconnecting")
                self.close()
                stop.wait(1.0)
        self.close()

    def _ensure_consumer(self) -> KafkaConsumer:
        if self._consumer is None:
            self._consumer = self._consumer_factory()
        return self._consumer

    def _ensure_producer(self) -> KafkaProducer:
        if self._producer is None:
            self._producer = self._producer_factory()
        return self._producer

    def close(self) -> None:
        for client in (self._consumer, self._producer):
            try:
                if client is not None:
                    client.close()
            except Exception:
                log.debug("closing a kafka client failed", exc_info=True)
        self._consumer = None
        self._producer = None

