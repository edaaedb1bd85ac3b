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
`shared/tests/integration/test_consumer_recovery.py`. So a group member joins its group again when a topic's
partition count changes, without ever leaving it (`join_again`). Under the embedded broker a consumer joins no group
(`shared.kafka.make_consumer`) and takes the new partitions itself (`PartitionFollower`).

A rewind refused because the group is rebalancing is only tried again later: kafka-python refuses the commit itself
while it is joining, and joins in the next poll."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

from kafka import KafkaConsumer, OffsetAndMetadata, TopicPartition
from kafka.coordinator.assignors.abstract import ConsumerProtocolSubscription
from kafka.coordinator.assignors.range import RangePartitionAssignor
from kafka.errors import KafkaError

log = logging.getLogger(__name__)


class TopicRebirths:
    def __init__(self, topics: list[str], monotonic: Callable[[], float] = time.monotonic) -> None:
        self.topics = topics
        self.ids: dict[str, uuid.UUID] = {}
        self.counts: dict[str, int] = {}
        self.regrown: set[str] = set()
        self.follower = PartitionFollower(topics, monotonic)

    def prepare(self, consumer: KafkaConsumer) -> bool:
        """Before a poll: whether the consumer has something to poll. A group member always has; a consumer of the
        embedded broker (no group) first takes every partition of its topics, and has none while they do not exist."""
        return bool(consumer.subscription()) or self.follower.follow(consumer)

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
        if reborn and consumer.subscription() and not is_stable(consumer):
            # the group is rebalancing: a commit now is refused and makes kafka-python start its join over, and two
            # members could keep each other out of the group that way (a CI run: the rewind refused every 100 ms for
            # a minute while a second replica joined); tried again once the member is back in its group
            seen = {topic: topic_id for topic, topic_id in seen.items() if topic not in reborn}
            reborn = []
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
        if self.regrown and not consumer.subscription():
            self.regrown = set()  # no group: the follower takes the new partitions before the next poll
        elif self.regrown:
            log.warning("the consumer joins its group again: partitions of %s changed", sorted(self.regrown))
            join_again(consumer, self.counts)
            self.regrown = set()
        elif consumer.subscription() and is_stable(consumer) and not joined_with_layout(consumer):
            join_again(consumer, self.counts)  # the join under way when the partitions changed carried the old counts
        return reborn


class PartitionFollower:
    """Under the embedded broker a consumer joins no group (`shared.kafka.make_consumer`): it takes every partition of
    its topics itself, and again whenever they change (a topic created, recreated with another partition count). A
    topic the metadata does not know yet is looked for among all topics, at most every `every_s`: a metadata request
    naming it would make the embedded broker create it with its own partition count."""

    def __init__(self, topics: list[str], monotonic: Callable[[], float], every_s: float = 1.0) -> None:
        self.topics = topics
        self.monotonic = monotonic
        self.every_s = every_s
        self.next_look = 0.0

    def follow(self, consumer: KafkaConsumer) -> bool:
        """Whether the consumer has partitions to read, once they are assigned."""
        cluster: Any = consumer._client.cluster  # kafka-python keeps the partitions in its cluster metadata
        known = {topic: cluster.partitions_for_topic(topic) for topic in self.topics}
        if not all(known.values()) and self.monotonic() >= self.next_look:
            self.next_look = self.monotonic() + self.every_s
            consumer._fetch_all_topic_metadata()  # kafka-python's way to list all topics without naming one
            known = {topic: cluster.partitions_for_topic(topic) for topic in self.topics}
        wanted = {TopicPartition(topic, p) for topic, partitions in known.items() for p in partitions or ()}
        if wanted and wanted != consumer.assignment():
            log.info("the consumer reads %s partitions of %s", len(wanted), sorted(t for t, p in known.items() if p))
            consumer.assign(sorted(wanted))
        return bool(wanted)


class LayoutAssignor(RangePartitionAssignor):  # type: ignore[misc]  # kafka-python has no type hints
    """kafka-python's range assignment, whose member metadata also carries the partition count of every topic the
    member knows (`layout`). A static member that joins again with the metadata it joined with may be given its old
    assignment back (the embedded broker does so, whatever the partitions are now); with other metadata, the group
    rebalances and its leader assigns the partitions there are."""

    def __init__(self) -> None:
        self.layout = b""
        self.sent = b""  # the layout of the last join

    def metadata(self, topics: Any) -> ConsumerProtocolSubscription:
        self.sent = self.layout
        return ConsumerProtocolSubscription(self.version, list(topics), self.layout)


def is_stable(consumer: KafkaConsumer) -> bool:
    """Whether the consumer is in its group with a generation, not joining it."""
    coordinator: Any = consumer._coordinator  # kafka-python exposes the group's state only there
    return coordinator.generation_if_stable() is not None


def joined_with_layout(consumer: KafkaConsumer) -> bool:
    """Whether the consumer's last join carried the partition counts it knows now."""
    assignor = _layout_assignor(consumer)
    return assignor is None or assignor.sent == assignor.layout


def _layout_assignor(consumer: KafkaConsumer) -> LayoutAssignor | None:
    coordinator: Any = consumer._coordinator  # kafka-python keeps its assignors there
    assignor = coordinator._assignors.get(LayoutAssignor.name)
    return assignor if isinstance(assignor, LayoutAssignor) else None


def join_again(consumer: KafkaConsumer, counts: dict[str, int]) -> None:
    """Join the group again with the partition counts in the member's metadata, so that the group assigns anew.

    The consumer never leaves its group to do so. It used to (`unsubscribe`, then `subscribe`), and the embedded
    broker keeps a member that leaves during a rebalance as the group's leader for good: every other member's sync is
    refused, the group never forms again, not even for the process started in its place (issue 18's proof: intake
    applied nothing after the broker's restart, and ten bailiff payments were lost)."""
    coordinator: Any = consumer._coordinator  # kafka-python keeps the rejoin flag there
    assignor = _layout_assignor(consumer)
    if assignor is not None:
        assignor.layout = ",".join(f"{topic}:{count}" for topic, count in sorted(counts.items())).encode()
    coordinator.request_rejoin()
