"""Create the platform's topics on a real Kafka cluster (the one-shot job of docker-compose.yml; on Kubernetes the
Strimzi KafkaTopics of k8s/base, generated from the same table, take its place).

The names and partition counts come from `shared.topics`, the same table the embedded stack uses, so the
job cannot drift from the code. Existing topics are left as they are, so the job can run at every release.
Settings: `RECOUVRA_KAFKA_BOOTSTRAP_SERVERS`, `RECOUVRA_KAFKA_TOPIC_PREFIX`, and
`RECOUVRA_TOPIC_REPLICATION_FACTOR` (1 on a single broker; 3 on a production cluster).
"""

from __future__ import annotations

import os
import sys

from kafka.admin import NewTopic
from kafka.errors import TopicAlreadyExistsError

from shared.config import BaseServiceSettings
from shared.kafka import make_admin
from shared.topics import all_topics


def main() -> int:
    settings = BaseServiceSettings(service_name="topics")
    replication = int(os.environ.get("RECOUVRA_TOPIC_REPLICATION_FACTOR", "1"))
    admin = make_admin(settings)
    try:
        existing = set(admin.list_topics())
        wanted = all_topics(settings.kafka_topic_prefix)
        created = []
        for name, partitions in wanted.items():
            if name in existing:
                continue
            try:
                admin.create_topics([NewTopic(name, partitions, replication)])
                created.append(name)
            except TopicAlreadyExistsError:
                pass
    finally:
        admin.close()
    print(f"topics: {len(created)} created, {len(wanted) - len(created)} already there (replication {replication})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
