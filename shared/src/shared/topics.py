"""The platform's topics and partition counts. Topics are created explicitly at start: an auto-created
topic silently gets the broker's default partition count, which breaks per-case ordering assumptions."""

from __future__ import annotations

import logging
import time

from kafka.admin import KafkaAdminClient, NewTopic
from kafka.errors import TopicAlreadyExistsError

log = logging.getLogger(__name__)

TOPIC_PARTITIONS: dict[str, int] = {
    "portal.users": 1,
    "intake.creditors": 3,
    "intake.cases": 6,
    "intake.remittances": 3,
    "scoring.scores": 3,
    "dunning.actions": 6,
    "legal.procedures": 6,
}
DLQ_SUFFIX = ".dlq"


def topic_name(name: str, prefix: str = "") -> str:
    return f"{prefix}{name}"


def all_topics(prefix: str = "") -> dict[str, int]:
    """Every topic with its partition count; each has a one-partition dead-letter twin."""
    topics: dict[str, int] = {}
    for name, partitions in TOPIC_PARTITIONS.items():
        topics[topic_name(name, prefix)] = partitions
        topics[topic_name(name + DLQ_SUFFIX, prefix)] = 1
    return topics


def ensure_topics(admin: KafkaAdminClient, wanted: dict[str, int]) -> list[str]:
    """Create the topics of `wanted` that are missing. Returns the names it created."""
    existing = set(admin.list_topics())
    missing = [NewTopic(name, partitions, 1) for name, partitions in wanted.items() if name not in existing]
    created: list[str] = []
    for topic in missing:
        try:
            admin.create_topics([topic])
            created.append(topic.name)
        except TopicAlreadyExistsError:
            pass
    if created:
        log.info("created topics %s", ", ".join(created))
    return created


def recreate_topic(admin: KafkaAdminClient, topic: str, partitions: int, *, attempts: int = 50) -> None:
    """Delete `topic` and create it with `partitions`, directly rather than through `ensure_topics`, which trusts
    the topic list: in issue 18's proof a repair through it created nothing (no "created topics" logged), and the
    embedded broker auto-created the topic again with 4 partitions (dunning.actions repaired twice, 30 s apart).
    Presumably the list still named the deleted topic; that lag was not reproduced alone."""
    admin.delete_topics([topic])
    for attempt in range(attempts):
        try:
            admin.create_topics([NewTopic(topic, partitions, 1)])
            return
        except TopicAlreadyExistsError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.1)  # the deletion not finished yet
