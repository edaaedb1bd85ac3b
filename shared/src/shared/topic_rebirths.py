"""A topic deleted and created again starts its offsets from zero: the embedded broker restarted and lost it, or
the relay repaired a topic the broker had auto-created with the wrong partition count. A consumer that kept its
position, or its group's committed offset, from the topic's earlier life would skip that many events of the new
one (issue 18's proof lost timeline events this way). So a consumer that sees a topic's id change reads that
topic again from its start, and commits its start for every partition, assigned to it or not, so that whoever
the group gives them to starts there too. Its inbox keeps what it had already applied."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from kafka import KafkaConsumer, OffsetAndMetadata, TopicPartition
from kafka.errors import KafkaError

log = logging.getLogger(__name__)


class TopicRebirths:
    def __init__(self, topics: list[str]) -> None:
        self.topics = topics
        self.ids: dict[str, uuid.UUID] = {}

    def rewind(self, consumer: KafkaConsumer) -> list[str]:
        """The topics found recreated since the last call, each rewound to its start. A rewind that fails (the
        group rebalancing, the broker away) is tried again at the next call."""
        cluster: Any = consumer._client.cluster  # kafka-python keeps the topics' ids in its cluster metadata only
        seen = {topic: cluster.topic_id(topic) for topic in self.topics}
        seen = {topic: topic_id for topic, topic_id in seen.items() if topic_id is not None}
        reborn = sorted(topic for topic, topic_id in seen.items() if self.ids.get(topic, topic_id) != topic_id)
        if reborn:
            partitions = [
                TopicPartition(topic, partition)
                for topic in reborn
                for partition in sorted(cluster.partitions_for_topic(topic) or ())
            ]
            try:
                starts = consumer.beginning_offsets(partitions)
                assigned = consumer.assignment()
                for partition in partitions:
                    if partition in assigned:
                        consumer.seek(partition, starts[partition])
                consumer.commit({tp: OffsetAndMetadata(starts[tp], None, -1) for tp in partitions})
            except KafkaError as exc:
                log.warning("topics %s were recreated; reading them again failed (%s), trying again", reborn, exc)
                seen = {topic: topic_id for topic, topic_id in seen.items() if topic not in reborn}
                reborn = []
            else:
                log.warning("topics %s were recreated; reading them again from their start", reborn)
        self.ids.update(seen)
        return reborn
