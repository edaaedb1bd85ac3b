"""Publish again, in order, every outbox event a service recorded since an instant.

Consumers' inboxes make the duplicates harmless; this is how a new consumer, or one whose projection
was rebuilt, catches up, and how the audit trail of a service is read back."""

from __future__ import annotations

from datetime import datetime

from kafka import KafkaProducer
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from shared.outbox import OutboxMessage


def replay_outbox(
    *, engine: Engine, producer: KafkaProducer, since: datetime, topic_prefix: str = "", batch_size: int = 1000
) -> int:
    published = 0
    last_seq = 0
    while True:
        with Session(engine) as session:
            rows = session.exec(
                select(OutboxMessage)
                .where(col(OutboxMessage.created_at) >= since, col(OutboxMessage.seq) > last_seq)
                .order_by(col(OutboxMessage.seq))
                .limit(batch_size)
            ).all()
        if not rows:
            return published
        futures = [producer.send(**row.kafka_record(topic_prefix)) for row in rows]
        producer.flush(timeout=30)
        for future in futures:
            future.get(timeout=30)
        published += len(rows)
        last_seq = rows[-1].seq or last_seq
