"""The offsets the broker gave the relay's sends, per partition.

Offsets only grow in a partition's life: a send acknowledged at an offset no higher than one the same partition
already gave means the partition was emptied and started again (the embedded broker restarted with nothing in
memory, or the topic was deleted and recreated). Whatever the relay had published to that topic is then lost,
even when the topic exists and is no longer empty by the time the relay checks the broker: another service's
relay may have recreated the topics first, and this relay's own new sends fill it."""

from __future__ import annotations

from kafka import KafkaConsumer, TopicPartition

from shared.topics import TOPIC_PARTITIONS


class PartitionOffsets:
    def __init__(self) -> None:
        self._last: dict[tuple[str, int], int] = {}

    def went_back(self, topic: str, partition: int, offset: int) -> bool:
        """Notes an acknowledged send; True when the partition gave this offset or a higher one before."""
        key = (topic, partition)
        previous = self._last.get(key)
        self._last[key] = offset
        return previous is not None and offset <= previous

    def emptied(self, ends: dict[tuple[str, int], int]) -> set[str]:
        """The topics with a partition that held records (a send to it was acknowledged, or it had an end offset)
        and is empty now. Also notes the end offsets: a later send at an offset below one of them went back."""
        topics = set()
        for (topic, partition), end in ends.items():
            key = (topic, partition)
            if end > 0:
                self._last[key] = max(self._last.get(key, -1), end - 1)
            elif key in self._last:
                topics.add(topic)
        return topics

    def forget(self, topic: str) -> None:
        """The topic starts a new life (the relay republishes it): its earlier offsets no longer count."""
        for key in [key for key in self._last if key[0] == topic]:
            del self._last[key]


def partition_end_offsets(
    client: KafkaConsumer, prefix: str, topics: list[str], *, refresh: bool = True
) -> dict[tuple[str, int], int]:
    """The end offset of every partition of `topics` (names without `prefix`) whose every declared partition the
    broker's metadata lists; a topic it does not list in full yet is left out (unknown, not lost). A partition
    holding anything has an end offset of at least 1 (the embedded broker answers the base offset of its last
    batch plus one, behind the records of a multi-record batch, but never 0). `refresh`: ask the broker's metadata
    again first (False when the caller has just done so: each ask holds the caller about 100 ms here)."""
    if not topics:
        return {}
    partitions = []
    if refresh:
        client.topics()  # refreshes metadata so that recreated topics are seen
    for name in topics:
        listed = client.partitions_for_topic(prefix + name) or set()
        if len(listed) == TOPIC_PARTITIONS.get(name):
            partitions += [TopicPartition(prefix + name, partition) for partition in listed]
    return {(tp.topic, tp.partition): offset for tp, offset in client.end_offsets(partitions).items()}
