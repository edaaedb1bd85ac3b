"""The transactional outbox and its relay, on real PostgreSQL and the real broker."""

import json
import threading
import uuid
from collections import defaultdict

from sqlalchemy import text
from sqlmodel import Session, col, func, select

from shared.db import make_engine
from shared.events.intake import CreditorRegistered
from shared.kafka import make_producer
from shared.outbox import OutboxMessage, record_event
from shared.relay import OutboxRelay
from shared.replay import replay_outbox
from workbench.testing.kafka import read_topic


def stage(engine, clock, count, *, subjects=("a", "b")):
    with Session(engine) as session:
        for i in range(count):
            subject = subjects[i % len(subjects)]
            record_event(session, CreditorRegistered(creditor_id=subject, name=f"n{i}"), clock=clock, subject=subject)
        session.commit()


def test_an_event_is_stored_only_with_the_transaction_that_decided_it(settings_for, clock):
    engine = make_engine(settings_for("intake").database_url)
    with Session(engine) as session:
        record_event(session, CreditorRegistered(creditor_id="x", name="rolled back"), clock=clock, subject="x")
        session.rollback()
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(OutboxMessage)).one() == 0
    stage(engine, clock, 1)
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(OutboxMessage)).one() == 1


def test_the_relay_publishes_in_order_keyed_by_subject_and_marks_rows_published(settings_for, clock, broker):
    settings = settings_for("intake")
    engine = make_engine(settings.database_url)
    stage(engine, clock, 30)
    relay = OutboxRelay(engine=engine, settings=settings)
    try:
        assert relay.publish_pending() == 30
        assert relay.publish_pending() == 0
    finally:
        relay.close()
    records = read_topic(broker.bootstrap, settings.kafka_topic_prefix + "intake.creditors", expected=30)
    assert len(records) == 30
    names_by_key = defaultdict(list)
    partitions_by_key = defaultdict(set)
    for record in sorted(records, key=lambda r: (r.partition, r.offset)):
        names_by_key[record.key].append(json.loads(record.value)["data"]["name"])
        partitions_by_key[record.key].add(record.partition)
    assert names_by_key[b"a"] == [f"n{i}" for i in range(0, 30, 2)]
    assert names_by_key[b"b"] == [f"n{i}" for i in range(1, 30, 2)]
    assert all(len(p) == 1 for p in partitions_by_key.values())
    with Session(engine) as session:
        assert (
            session.exec(
                select(func.count()).select_from(OutboxMessage).where(col(OutboxMessage.published_at).is_(None))
            ).one()
            == 0
        )


def test_the_relay_does_not_see_an_uncommitted_event(settings_for, clock):
    settings = settings_for("intake")
    engine = make_engine(settings.database_url)
    relay = OutboxRelay(engine=engine, settings=settings)
    with Session(engine) as open_transaction:
        record_event(open_transaction, CreditorRegistered(creditor_id="x", name="pending"), clock=clock, subject="x")
        open_transaction.flush()
        try:
            assert relay.publish_pending() == 0
        finally:
            relay.close()
        open_transaction.rollback()


def test_only_the_relay_holding_the_lease_publishes(settings_for, clock, broker):
    settings = settings_for("intake", relay_interval_ms=10)
    engine = make_engine(settings.database_url)
    stage(engine, clock, 3)
    relay = OutboxRelay(engine=engine, settings=settings)
    stop = threading.Event()
    with engine.connect() as other_holder:
        other_holder.execute(text("SELECT pg_advisory_lock(:k)"), {"k": relay.lease_key})
        other_holder.commit()
        thread = threading.Thread(target=relay.run, args=(stop,))
        thread.start()
        try:
            assert (
                read_topic(
                    broker.bootstrap, settings.kafka_topic_prefix + "intake.creditors", expected=1, timeout_s=1.5
                )
                == []
            )
        finally:
            other_holder.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": relay.lease_key})
            other_holder.commit()
    try:
        records = read_topic(broker.bootstrap, settings.kafka_topic_prefix + "intake.creditors", expected=3)
        assert len(records) == 3
    finally:
        stop.set()
        thread.join(timeout=10)


def test_replay_publishes_again_the_events_since_a_date(settings_for, clock, broker):
    settings = settings_for("intake")
    engine = make_engine(settings.database_url)
    stage(engine, clock, 2, subjects=("old",))
    clock.advance(days=10)
    since = clock.now()
    stage(engine, clock, 3, subjects=("new",))
    producer = make_producer(settings)
    try:
        assert (
            replay_outbox(engine=engine, producer=producer, since=since, topic_prefix=settings.kafka_topic_prefix) == 3
        )
    finally:
        producer.close()
    records = read_topic(broker.bootstrap, settings.kafka_topic_prefix + "intake.creditors", expected=3)
    assert sorted(r.key for r in records) == [b"new"] * 3


def test_a_relay_that_lost_its_lease_cannot_publish_while_another_batch_is_in_flight(settings_for, clock, broker):
    settings = settings_for("intake")
    engine = make_engine(settings.database_url)
    stage(engine, clock, 2)
    relay = OutboxRelay(engine=engine, settings=settings)
    try:
        with engine.connect() as other_relay_batch:  # another relay, mid-batch, holds the batch lock
            other_relay_batch.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": relay.batch_key})
            assert relay.publish_pending() == 0
            other_relay_batch.rollback()
        assert relay.publish_pending() == 2
    finally:
        relay.close()
        engine.dispose()


def test_a_payment_event_recorded_before_v2_is_replayed_on_the_case_topic_and_read_by_the_v2_handler(
    settings_for, clock, broker
):
    """v1 of the payment events rode `intake.payments`; an old outbox row replayed today joins its case's stream."""
    from shared.consumer import EventConsumer
    from shared.events.envelope import CloudEvent
    from shared.events.intake import CaseBalanceChanged

    settings = settings_for("intake")
    engine = make_engine(settings.database_url)
    case_id = str(uuid.uuid4())
    data = {
        "case_id": case_id,
        "creditor_id": "c",
        "debtor_id": "d",
        "as_of": "2026-07-01",
        "principal_outstanding": "293.99",
        "balance": "293.99",
        "invoices": [],
    }
    envelope = CloudEvent(
        source="/intake", type="recouvra.intake.case.balance_changed.v1", subject=case_id, time=clock.now(), data=data
    )
    with Session(engine) as session:
        session.add(
            OutboxMessage(
                event_id=uuid.UUID(envelope.id),
                topic="intake.payments",
                key=case_id,
                event_type=envelope.type,
                envelope=envelope.model_dump(mode="json", exclude_none=True),
                created_at=clock.now(),
            )
        )
        session.commit()
    producer = make_producer(settings)
    try:
        assert (
            replay_outbox(engine=engine, producer=producer, since=clock.now(), topic_prefix=settings.kafka_topic_prefix)
            == 1
        )
    finally:
        producer.close()

    records = read_topic(broker.bootstrap, settings.kafka_topic_prefix + "intake.cases", expected=1)
    assert [(r.key, json.loads(r.value)["type"]) for r in records] == [
        (case_id.encode(), "recouvra.intake.case.balance_changed.v1")
    ]
    consumer = EventConsumer(
        engine=engine, settings=settings, clock=clock, handlers={CaseBalanceChanged: lambda **kwargs: None}
    )
    assert consumer.handlers["recouvra.intake.case.balance_changed.v1"][0] is CaseBalanceChanged
