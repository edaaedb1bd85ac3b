"""Recorded flows for the convergence harness: the envelopes a service's outbox wrote (or another service would
publish), each on the partition its key hashes to, and random merges that keep each partition's order."""

from __future__ import annotations

import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from shared.clock import Clock
from shared.events.base import Event, current_topic
from shared.outbox import OutboxMessage
from shared.topics import TOPIC_PARTITIONS


@dataclass(frozen=True)
class Recorded:
    """One published event as the broker holds it: topic (without the deployment prefix), key and value."""

    topic: str
    key: str | None
    value: bytes

    @property
    def partition(self) -> int:
        """The partition the key hashes to (any stable hash will do: what matters is that one key keeps one)."""
        partitions = TOPIC_PARTITIONS.get(self.topic, 1)
        return zlib.crc32(self.key.encode()) % partitions if self.key else 0


def recorded_from_outbox(engine: Engine, *, types: set[str] | None = None) -> list[Recorded]:
    """The events a service's outbox holds, in the order it recorded them, on the topic each is published on today."""
    with Session(engine) as session:
        rows = session.exec(select(OutboxMessage).order_by(col(OutboxMessage.seq))).all()
    return [
        Recorded(topic=current_topic(row.event_type, row.topic), key=row.key, value=row.kafka_record()["value"])
        for row in rows
        if types is None or row.event_type in types
    ]


def recorded(event: Event, *, subject: str | None, tenant: str | None, clock: Clock) -> Recorded:
    """An event another service would publish (for flows whose producer is not built yet)."""
    from shared.events.envelope import CloudEvent

    envelope = CloudEvent.wrap(event, subject=subject, tenant=tenant, time=clock.now())
    return Recorded(topic=event.topic, key=subject, value=envelope.to_bytes())


def interleave(events: Sequence[Recorded], rng: random.Random) -> list[Recorded]:
    """A random merge of the partitions' streams, each stream in its own order."""
    streams: dict[tuple[str, int], list[Recorded]] = {}
    for event in events:
        streams.setdefault((event.topic, event.partition), []).append(event)
    queues = [list(reversed(stream)) for stream in streams.values()]
    merged: list[Recorded] = []
    while queues:
        queue = rng.choice(queues)
        merged.append(queue.pop())
        if not queue:
            queues.remove(queue)
    return merged
