"""A topic deleted and created again starts its offsets from zero: the embedded broker restarted and lost it, or
the relay repaired a topic the broker had auto-created with the wrong partition count. A consumer that kept its
position, or its group's committed offset, from the topic's earlier life would skip that many events of the new
one (issue 18's proof lost timeline events this way). So a consumer that sees a topic's id change reads that
topic again from its start, and commits its start for every partition, assigned to it or not, so that whoever
the group gives them to starts there too. Its inbox keeps what it had already applied.

The group must also learn of the new partitions, and kafka-python (3.0.12) does not see to it on the embedded
broker: a topic the broker auto-created with 4 partitions, then recreated by the relay with 6, stays assigned as 4
(nobody reads partitions 4 and 5), and the broker holds the group "rebalancing" while the client never joins again,
so every commit fails with RebalanceInProgressError (issue 18's proof at 100 cases never settled: legal read 4
partitions of 6, the portal's rewind failed for minutes). Both are reproduced in
`shared/tests/integration/test_consumer.py`. So the consumer joins its group again (`unsubscribe`, `subscribe`)
when a topic's partition count changes, and when a rewind fails while it holds partitions."""

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
        self.counts: dict[str, int] = {}
        self.regrown: set[str] = set()
        self.rejoins = 0

    def rewind(self, consumer: KafkaConsumer) -> list[str]:
        """The topics found recreated since the last call, each rewound to its start. A rewind that fails (the
        group rebalancing, the broker away) is tried again at the next call; none is tried while the consumer is
        joining its group: a commit then is refused, and kafka-python answers the refusal by starting the join
        over (issue 18's proof: intake's rewinds, one every 55 ms, kept it out of its group for a minute, and the
        first events of a recreated topic were skipped, four bailiff payments among them)."""
        cluster: Any = consumer._client.cluster  # kafka-python keeps the topics' ids in its cluster metadata only
        seen = {topic: cluster.topic_id(topic) for topic in self.topics}
        seen = {topic: topic_id for topic, topic_id in seen.items() if topic_id is not None}
        reborn = sorted(topic for topic, topic_id in seen.items() if self.ids.get(topic, topic_id) != topic_id)
        counts = {topic: len(cluster.partitions_for_topic(topic) or ()) for topic in seen}
        counts = {topic: count for topic, count in counts.items() if count}
        self.regrown |= {topic for topic, count in counts.items() if self.counts.get(topic, count) != count}
        self.counts.update(counts)
        if not consumer.assignment():
            self.ids.update({topic: topic_id for topic, topic_id in seen.items() if topic not in reborn})
            return []
        stuck = False
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
                stuck = True  # it holds partitions, yet the group refuses its commits: it must join again
            else:
                log.warning("topics %s were recreated; reading them again from their start", reborn)
        self.ids.update(seen)
        if self.regrown or stuck:
            why = f"partitions of {sorted(self.regrown)} changed" if self.regrown else "its group refuses its commits"
            log.warning("the consumer joins its group again: %s", why)
            join_again(consumer, sorted(consumer.subscription() or self.topics))
            self.regrown = set()
            self.rejoins += 1
        return reborn


def join_again(consumer: KafkaConsumer, topics: list[str]) -> None:
    """Leave the group and join it again, so that the group assigns anew. The consumer is a static member
    (`shared.kafka.make_consumer`), which kafka-python never makes leave, and a static member that only joins again
    is given back its old assignment by the embedded broker: it is made to leave as a plain member would."""
    coordinator: Any = consumer._coordinator  # kafka-python decides whether to send LeaveGroup there only
    coordinator.is_dynamic_member = lambda: True
    try:
        consumer.unsubscribe()
    finally:
        del coordinator.is_dynamic_member
    consumer.subscribe(topics)
