"""Construction of kafka-python clients with the settings every service shares."""

from __future__ import annotations

import logging
import socket

from kafka import KafkaConsumer, KafkaProducer
from kafka.admin import KafkaAdminClient
from kafka.errors import KafkaError

from shared.config import BaseServiceSettings, Profile
from shared.topic_rebirths import LayoutAssignor

log = logging.getLogger(__name__)


def make_producer(settings: BaseServiceSettings) -> KafkaProducer:
    # acks=all with the idempotent producer: a send is acknowledged only once durably written,
    # and retries cannot duplicate or reorder messages within a partition.
    return KafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=f"{settings.service_name}-relay",
        metrics_enabled=False,  # nothing reads kafka-python's own metrics; recording them cost 5 % of a consumer's CPU
        acks="all",
        enable_idempotence=True,
        linger_ms=5,
        request_timeout_ms=10_000,
        max_block_ms=10_000,
        # A send is given up after this (kafka-python's default is 2 minutes of retries): the relay then
        # recreates its producer, and the outbox row, still unpublished, goes out again.
        delivery_timeout_ms=15_000,
        # Topics are created by the relay's broker check, with their declared partitions. A producer that asked
        # for a topic the restarted embedded broker had lost used to get it auto-created with 4 partitions; events
        # went there and consumers read them, and when the relay recreated the topic with its count those
        # consumers' positions skipped the same number of republished events (issue 18's proof: timeline events
        # lost). On Apache Kafka such a send now fails after `max_block_ms`; the relay checks the broker and
        # publishes again. The embedded broker (Tansu) ignores the flag and creates the topic on any metadata
        # request naming it, a consumer's included: there the relay's repair does the work (`relay.py`,
        # `_repair_auto_created_topics`; test_broker_restart.py shows the broker's behaviour).
        allow_auto_create_topics=False,
    )


def make_consumer(
    settings: BaseServiceSettings,
    *,
    group_id: str,
    topics: list[str],
    metadata_max_age_ms: int = 10_000,
    membership: bool | None = None,
) -> KafkaConsumer:
    """`metadata_max_age_ms` bounds how long a consumer can miss that a topic was recreated (its id changes in the
    metadata; `shared.topic_rebirths` then reads it again from its start): kafka-python's default is 5 minutes.

    In production the consumer is a static member of its group, named by its service's group and its replica (the
    host name by default): a consumer started again takes its predecessor's place at once. As a plain member, one
    closed while its join was waiting stayed the group's leader on the embedded broker and the group never formed
    again (issue 18's proof: scoring read nothing for 12 minutes; `test_consumer_recovery.py` reproduces it).

    Under the embedded broker (the embedded and test profiles; `membership` overrides) the consumer joins no group: its
    group coordinator lost the proof's events three times over (a leader that left kept, a vanished member never
    dropped, a leader's sync never answered), and `make run` runs one replica of each service. The consumer then reads
    every partition of its topics (`shared.topic_rebirths.PartitionFollower`) and commits its offsets to its group all
    the same; a second replica would read the same events, and its inbox would absorb them."""
    replica = settings.kafka_group_instance or socket.gethostname()
    consumer = KafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=f"{settings.service_name}-consumer",
        metrics_enabled=False,
        group_id=group_id,
        group_instance_id=f"{group_id}@{replica}",
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        session_timeout_ms=settings.kafka_session_timeout_ms,
        heartbeat_interval_ms=settings.kafka_heartbeat_interval_ms,
        fetch_max_wait_ms=settings.kafka_fetch_max_wait_ms,
        max_poll_records=200,
        allow_auto_create_topics=False,
        metadata_max_age_ms=metadata_max_age_ms,
        partition_assignment_strategy=[LayoutAssignor()],
    )
    if membership is None:
        membership = settings.profile == Profile.PRODUCTION
    if membership:
        consumer.subscribe(topics)
    # else the embedded broker: the consumer takes every partition itself (`shared.topic_rebirths.PartitionFollower`)
    return consumer


def make_admin(settings: BaseServiceSettings) -> KafkaAdminClient:
    return KafkaAdminClient(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=f"{settings.service_name}-admin",
        request_timeout_ms=10_000,
    )


CLOSE_TIMEOUT_S = 1.0


def close_producer(producer: KafkaProducer) -> None:
    """Close a producer without waiting on sends that will never complete.

    kafka-python's `close()` first flushes, for ever by default. After a broker restart a send stamped with a
    producer id the broker forgot is retried in a loop ("resetting sequence and retrying"), so a plain close
    hung the relay for good. The close is bounded; what is still pending is aborted (the relay's rows stay
    unpublished in its outbox and go out again with the next producer)."""
    try:
        producer.close(timeout=CLOSE_TIMEOUT_S)
    except KafkaError:
        sender = getattr(producer, "_sender", None)  # close() gave up in its flush: stop the sender thread
        if sender is not None:
            sender.force_close()  # aborts the pending batches: their futures fail
            sender.join(CLOSE_TIMEOUT_S)
        log.info("a producer was closed with sends pending; they were aborted")
    except Exception:
        log.debug("closing the producer failed", exc_info=True)
