"""Strimzi `KafkaTopic` resources from the kernel's topic table (`shared.topics`), so that the cluster's topics
cannot drift from what the code publishes and consumes: same names, same partition counts, each with its
one-partition dead-letter twin."""

from __future__ import annotations

from typing import Any

from shared.topics import DLQ_SUFFIX, all_topics

CLUSTER = "recouvra"  # the Strimzi `Kafka` resource these topics belong to (label strimzi.io/cluster)
REPLICAS = 3
MIN_INSYNC_REPLICAS = 2
DAY_MS = 24 * 3600 * 1000
# Events are kept a week: a consumer down longer than that catches up with `recouvra replay` (the outbox is the
# record). Dead letters are kept a month, long enough to be looked at and replayed by hand.
RETENTION_MS = 7 * DAY_MS
DLQ_RETENTION_MS = 30 * DAY_MS


def kafka_topics(prefix: str = "") -> list[dict[str, Any]]:
    documents = []
    for name, partitions in all_topics(prefix).items():
        dead_letters = name.endswith(DLQ_SUFFIX)
        documents.append(
            {
                "apiVersion": "kafka.strimzi.io/v1beta2",
                "kind": "KafkaTopic",
                "metadata": {
                    "name": name,
                    "labels": {
                        "strimzi.io/cluster": CLUSTER,
                        "app.kubernetes.io/name": name.split(".", 1)[0],
                        "app.kubernetes.io/component": "dead-letters" if dead_letters else "events",
                    },
                },
                "spec": {
                    "topicName": name,
                    "partitions": partitions,
                    "replicas": REPLICAS,
                    "config": {
                        "retention.ms": DLQ_RETENTION_MS if dead_letters else RETENTION_MS,
                        "min.insync.replicas": MIN_INSYNC_REPLICAS,
                        "cleanup.policy": "delete",
                    },
                },
            }
        )
    return documents
