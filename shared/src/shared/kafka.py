"""Construction of kafka-python clients with the settings every service shares."""

from __future__ import annotations

from kafka import KafkaConsumer, KafkaProducer
from kafka.admin import KafkaAdminClient

from shared.config import BaseServiceSettings


def make_producer(settings: BaseServiceSettings) -> KafkaProducer:
    # acks=all with the idempotent producer: a send is acknowledged only once durably written,
    # and retries cannot duplicate or reorder messages within a partition.
    return KafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=f"{settings.service_name}-relay",
        acks="all",
        enable_idempotence=True,
        linger_ms=5,
        request_timeout_ms=10_000,
        max_block_ms=10_000,
    )


def make_consumer(settings: BaseServiceSettings, *, group_id: str, topics: list[str]) -> KafkaConsumer:
    consumer = KafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=f"{settings.service_name}-consumer",
        group_id=group_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        session_timeout_ms=settings.kafka_session_timeout_ms,
        heartbeat_interval_ms=settings.kafka_heartbeat_interval_ms,
        fetch_max_wait_ms=settings.kafka_fetch_max_wait_ms,
        max_poll_records=200,
        allow_auto_create_topics=False,
    )
    consumer.subscribe(topics)
    return consumer


def make_admin(settings: BaseServiceSettings) -> KafkaAdminClient:
    return KafkaAdminClient(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=f"{settings.service_name}-admin",
        request_timeout_ms=10_000,
    )
