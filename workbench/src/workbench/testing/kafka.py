"""Reading a topic from the start in a test, bounded in time; polling a consumer until what it did is enough;
publishing one event through a service's real outbox and relay."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any, Protocol

from kafka import KafkaConsumer, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord
from sqlmodel import Session

from shared.clock import Clock
from shared.db import make_engine
from shared.events.base import Event
from shared.events.intake import CreditorRegistered
from shared.outbox import record_event
from shared.relay import OutboxRelay


class Polled(Protocol):
    def poll_once(self, timeout_ms: int = ...) -> list[Any]: ...


def drain(consumer: Polled, *, until: Callable[[list[Any]], bool], polls: int = 60) -> list[Any]:
    """What `consumer` did with what it polled, 200 ms a poll, until `until` says it is enough or `polls` are done."""
    outcomes: list[Any] = []
    for _ in range(polls):
        outcomes += consumer.poll_once(timeout_ms=200)
        if until(outcomes):
            break
    return outcomes


def relay_one(settings: Any, clock: Clock, event: Event, *, subject: str, tenant: str | None = None) -> None:
    """`event` staged in the outbox of `settings`' database and published by its real relay."""
    engine = make_engine(settings.database_url, pool_size=1)
    try:
        with Session(engine) as session:
            record_event(session, event, clock=clock, subject=subject, tenant=tenant)
            session.commit()
        relay = OutboxRelay(engine=engine, settings=settings)
        try:
            assert relay.publish_pending() == 1
        finally:
            relay.close()
    finally:
        engine.dispose()


def publish_one(settings_for: Callable[..., Any], clock: Clock) -> str:
    """One `creditor.registered` through intake's real outbox and relay; returns the creditor id."""
    creditor_id = str(uuid.uuid4())
    registered = CreditorRegistered(creditor_id=creditor_id, name="ACME")
    relay_one(settings_for("intake"), clock, registered, subject=creditor_id)
    return creditor_id


def read_topic(bootstrap: str, topic: str, *, expected: int, timeout_s: float = 10.0) -> list[ConsumerRecord]:
    """Every record of `topic` from offset 0, once `expected` have arrived or the time is up."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, fetch_max_wait_ms=20)
    try:
        deadline = time.monotonic() + timeout_s
        partitions = None
        while partitions is None and time.monotonic() < deadline:
            partitions = consumer.partitions_for_topic(topic)
        assignment = [TopicPartition(topic, p) for p in sorted(partitions or ())]
        consumer.assign(assignment)
        consumer.seek_to_beginning()
        records: list[ConsumerRecord] = []
        while len(records) < expected and time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=100).values():
                records.extend(batch)
        return records
    finally:
        consumer.close()
