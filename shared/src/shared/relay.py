"""Outbox relay: publishes committed outbox rows to the broker, in order, and marks them published.

One relay per service runs at a time: it holds a PostgreSQL advisory lock (the lease) for its life.
The embedded broker keeps messages in memory; when it restarts, its topics are gone. The relay notices
the missing topics, recreates them and republishes the whole outbox; consumers' inboxes absorb the
duplicates. A producer that fails with `UnknownProducerIdError` (the broker forgot its producer id) is
recreated.

An idle relay does not poll: it waits on a LISTEN connection for the NOTIFY that `record_event` sends in the
transaction that stages an event, with a safety sweep every `sweep_interval_s` (an outbox row written some other
way, a notification lost with its connection) and a broker check every `broker_check_interval_s`. While commits
keep coming, its passes are at least `relay_gap_ms` apart (issue 17: one pass per commit cost a third more CPU).
"""

from __future__ import annotations

import logging
import threading
import time
import zlib
from collections.abc import Callable
from datetime import UTC, datetime

import psycopg
from kafka import KafkaConsumer, KafkaProducer
from kafka.admin import KafkaAdminClient
from kafka.errors import KafkaError
from sqlalchemy import Engine, func, text, update
from sqlmodel import Session, col, select

from shared import relay_sql
from shared.config import BaseServiceSettings, Profile
from shared.kafka import close_producer, make_admin, make_producer
from shared.outbox import NOTIFY_CHANNEL, OutboxMessage, kafka_record
from shared.plain_reads import plain_execute, plain_rows
from shared.relay_offsets import PartitionOffsets, partition_end_offsets
from shared.topics import TOPIC_PARTITIONS, all_topics, ensure_topics, recreate_topic
from shared.wakeup import Announcer, Listener, conninfo_of

log = logging.getLogger(__name__)
SEND_TIMEOUT_S = 5.0


class OutboxRelay:
    def __init__(
        self,
        *,
        engine: Engine,
        settings: BaseServiceSettings,
        producer_factory: Callable[[], KafkaProducer] | None = None,
        admin_factory: Callable[[], KafkaAdminClient] | None = None,
        broker_check_interval_s: float = 30.0,
        sweep_interval_s: float = 15.0,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.prefix = settings.kafka_topic_prefix
        self._producer_factory = producer_factory or (lambda: make_producer(settings))
        self._admin_factory = admin_factory or (lambda: make_admin(settings))
        self._producer: KafkaProducer | None = None
        self._admin: KafkaAdminClient | None = None
        self._broker_check_interval_s = broker_check_interval_s
        self._sweep_interval_s = sweep_interval_s
        self._announcer = Announcer(settings)
        self._last_broker_check = 0.0
        self._published: dict[str, int] | None = None
        self._offsets_client: KafkaConsumer | None = None
        self._seen_empty: set[str] = set()
        self._offsets = PartitionOffsets()
        self.lease_key = zlib.crc32(f"recouvra-relay:{settings.service_name}".encode())
        self.batch_key = zlib.crc32(f"recouvra-relay-batch:{settings.service_name}".encode())

    # -- one pass -----------------------------------------------------------------------------

    def publish_pending(self) -> int:
        """Publish one batch of unpublished rows, oldest first. Returns how many were published."""
        with Session(self.engine) as session, session.begin():
            # The lease says which relay runs; this lock makes each batch exclusive even if a lease was lost
            # (its connection dropped) while its relay kept going: two relays never publish interleaved.
            if not plain_rows(session, relay_sql.LOCK, {"k": self.batch_key})[0][0]:
                return 0
            rows = plain_rows(session, relay_sql.PENDING, {"limit": self.settings.relay_batch_size})
            if not rows:
                return 0
            producer = self._ensure_producer()
            records = [
                kafka_record(
                    topic=topic,
                    key=key,
                    event_type=event_type,
                    envelope=envelope,
                    headers=headers,
                    topic_prefix=self.prefix,
                )
                for _, topic, key, event_type, envelope, headers in rows
            ]
            futures = [producer.send(**record) for record in records]
            # A send the broker does not acknowledge in time fails the pass: the loop recreates the producer and
            # checks the broker (kafka-python retries a forgotten producer id on its own for minutes otherwise).
            producer.flush(timeout=SEND_TIMEOUT_S)
            acknowledged = [future.get(timeout=SEND_TIMEOUT_S) for future in futures]  # raises if not acknowledged
            went_back = {
                row[1]
                for row, ack in zip(rows, acknowledged, strict=True)
                if self._offsets.went_back(ack.topic, ack.partition, ack.offset)
            }
            published_at = datetime.now(UTC)
            if self._published is not None:
                for row in rows:
                    self._published[row[1]] = self._published.get(row[1], 0) + 1
            plain_execute(session, relay_sql.PUBLISHED, {"at": published_at, "seqs": [row[0] for row in rows]})
            if went_back:
                self._republish(session, sorted(went_back), "its offsets started again")
        self._announcer.announce({record["topic"] for record in records})
        return len(rows)

    def check_broker(self) -> list[str]:
        """Recreate missing topics, and republish any of ours the broker lost. Returns the topics republished.

        A topic we had to create (or to repair after an auto-create) had lost everything. A topic that exists
        but is empty while we published to it lost everything too (the embedded broker after a restart, when
        another service's relay recreated the topics first), and so does one with a partition that held records
        and is empty now (our new sends may already fill its other partitions; a send to a partition that held
        records is caught by its offset, in `publish_pending`). Only emptiness is trusted, not a comparison of
        counts: the embedded broker reports end offsets that lag the records of a multi-record batch, and
        Apache Kafka's retention moves offsets on its own. Emptiness is trusted only when two checks in a row
        see it, since a single metadata answer can lag right after a topic is created.
        """
        created = set(ensure_topics(self._ensure_admin(), all_topics(self.prefix)))
        created |= self._repair_auto_created_topics()
        if created and self._producer is not None:
            # A broker that lost our topics lost its idempotent-producer state too: start with a new producer id.
            close_producer(self._producer)
            self._producer = None
        if self._published is None:
            self._published = self._count_published()
        # the metadata `_repair_auto_created_topics` has just read, unless topics were made since (each read: 100 ms)
        client, published = self._ensure_offsets_client(), list(self._published)
        ends = partition_end_offsets(client, self.prefix, published, refresh=bool(created))
        totals: dict[str, int] = {}
        for (topic, _), end in ends.items():
            totals[topic[len(self.prefix) :]] = totals.get(topic[len(self.prefix) :], 0) + end
        emptied = {topic for topic, published in self._published.items() if published and totals.get(topic) == 0}
        emptied |= {topic[len(self.prefix) :] for topic in self._offsets.emptied(ends)}
        lost = sorted(
            topic
            for topic, published in self._published.items()
            if published and (self.prefix + topic in created or topic in emptied & self._seen_empty)
        )
        self._seen_empty = emptied
        if lost:
            with Session(self.engine) as session, session.begin():
                self._republish(session, lost, "it had them no more")
        return lost

    def _republish(self, session: Session, topics: list[str], why: str) -> None:
        """Everything published to `topics` goes out again (in `session`'s transaction); inboxes absorb what
        consumers had already applied."""
        result = session.exec(
            update(OutboxMessage)
            .where(col(OutboxMessage.topic).in_(topics), col(OutboxMessage.published_at).is_not(None))
            .values(published_at=None)
        )
        for topic in topics:
            if self._published is not None:
                self._published[topic] = 0
            self._offsets.forget(self.prefix + topic)
        log.warning("the broker lost topics %s (%s); republishing %s outbox events", topics, why, result.rowcount)

    def _repair_auto_created_topics(self) -> set[str]:
        """After a broker restart, the embedded broker auto-creates our topic with its default partition
        count as soon as any client's metadata request names it (a consumer subscribed to it is enough: Tansu
        ignores `allow_auto_topic_creation=False`), breaking the key-to-partition mapping. Outside production
        such a topic is deleted and recreated with its declared count (and, being new, republished in full); in
        production the mismatch is only reported, since an operator may have added partitions on purpose."""
        repaired: set[str] = set()
        client = self._ensure_offsets_client()
        client.topics()
        for name in self._own_topics():
            topic = self.prefix + name
            partitions = client.partitions_for_topic(topic)
            if partitions is None or len(partitions) == TOPIC_PARTITIONS[name]:
                continue
            if self.settings.profile == Profile.PRODUCTION:
                log.error("topic %s has %s partitions, %s declared", topic, len(partitions), TOPIC_PARTITIONS[name])
                continue
            log.warning(
                "topic %s was auto-created with %s partitions; recreating it with %s",
                topic,
                len(partitions),
                TOPIC_PARTITIONS[name],
            )
            recreate_topic(self._ensure_admin(), topic, TOPIC_PARTITIONS[name])
            repaired.add(topic)
        return repaired

    def _own_topics(self) -> list[str]:
        return [name for name in TOPIC_PARTITIONS if name.split(".")[0] == self.settings.service_name]

    def _ensure_offsets_client(self) -> KafkaConsumer:
        if self._offsets_client is None:
            self._offsets_client = KafkaConsumer(
                bootstrap_servers=self.settings.kafka_bootstrap_servers,
                client_id=f"{self.settings.service_name}-relay-check",
                metrics_enabled=False,
                request_timeout_ms=10_000,
                allow_auto_create_topics=False,
            )
        return self._offsets_client

    def _count_published(self) -> dict[str, int]:
        published = col(OutboxMessage.published_at).is_not(None)
        with Session(self.engine) as session:
            counts = select(OutboxMessage.topic, func.count()).where(published).group_by(col(OutboxMessage.topic))
            return {topic: count for topic, count in session.execute(counts).all()}

    # -- the loop ---------------------------------------------------------------------------

    def run(self, stop: threading.Event) -> None:
        with self.engine.connect() as lease:
            while not stop.is_set():
                held = lease.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.lease_key}).scalar()
                lease.commit()
                if held:
                    break
                stop.wait(2.0)
            else:
                return
            log.info("relay holds the outbox lease")
            try:
                self._loop(stop)
            finally:
                self.close()
                lease.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self.lease_key})
                lease.commit()

    def _loop(self, stop: threading.Event) -> None:
        wakeup = Listener(
            conninfo_of(self.engine), channel=NOTIFY_CHANNEL, name=f"{self.settings.service_name}-relay-wakeup"
        )
        try:
            while not stop.is_set():
                try:
                    wakeup.listen()
                except psycopg.Error as exc:
                    log.warning("relay cannot LISTEN for outbox commits (%s); polling", exc)
                try:
                    if time.monotonic() - self._last_broker_check >= self._broker_check_interval_s:
                        self.check_broker()
                        self._last_broker_check = time.monotonic()
                    passed_at = time.monotonic()
                    published = self.publish_pending()
                except KafkaError as exc:
                    log.warning("relay could not publish (%s); recreating the producer", exc)
                    self._drop_clients()
                    self._last_broker_check = 0.0
                    stop.wait(1.0)
                    continue
                except Exception:
                    log.exception("relay pass failed")
                    self._drop_clients()
                    stop.wait(1.0)
                    continue
                if published < self.settings.relay_batch_size:
                    next_check = self._last_broker_check + self._broker_check_interval_s
                    wakeup.sleep(
                        stop,
                        until=min(time.monotonic() + self._sweep_interval_s, next_check),
                        fallback_s=self.settings.relay_interval_ms / 1000,
                    )
                    # events keep coming: a pass at most every `relay_gap_ms`, taking what came meanwhile
                    stop.wait(passed_at + self.settings.relay_gap_ms / 1000 - time.monotonic())
        finally:
            wakeup.close()

    def _ensure_producer(self) -> KafkaProducer:
        if self._producer is None:
            self._producer = self._producer_factory()
        return self._producer

    def _ensure_admin(self) -> KafkaAdminClient:
        if self._admin is None:
            self._admin = self._admin_factory()
        return self._admin

    def _drop_clients(self) -> None:
        if self._producer is not None:
            close_producer(self._producer)
        for client in (self._admin, self._offsets_client):
            try:
                if client is not None:
                    client.close()
            except Exception:
                log.debug("closing a kafka client failed", exc_info=True)
        self._producer, self._admin, self._offsets_client = None, None, None
        self._announcer.close()

    def close(self) -> None:
        self._drop_clients()
