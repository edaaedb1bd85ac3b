"""Reading a topic from the start in a test, bounded in time."""

from __future__ import annotations

import time

from kafka import KafkaConsumer, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord


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
