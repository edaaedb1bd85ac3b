"""The inbox-backed consumer, on real PostgreSQL and the real broker. The effect under test is the portal's
creditor directory, projected from intake's `creditor.registered` events."""

import time
import uuid

import pytest
from sqlmodel import Session, func, select

from shared.consumer import EventConsumer
from shared.db import make_engine
from shared.events.intake import CreditorRegistered
from shared.inbox import InboxMessage
from shared.kafka import make_admin, make_consumer, make_producer
from shared.outbox import record_event
from shared.relay import OutboxRelay
from shared.topics import TOPIC_PARTITIONS, ensure_topics
from workbench.testing.kafka import drain, read_topic

from portal.handlers import on_creditor_registered
from portal.identity.models import CreditorDirectoryEntry


class SimulatedCrash(BaseException):
    """Stands for the process dying: not an Exception, so no retry loop catches it."""


def publish(settings_for, clock, names):
    """Publish `creditor.registered` events through intake's real outbox and relay; returns the creditor ids."""
    settings = settings_for("intake")
    engine = make_engine(settings.database_url)
    ids = []
    with Session(engine) as session:
        for name in names:
            creditor_id = str(uuid.uuid4())
            ids.append(creditor_id)
            record_event(
                session, CreditorRegistered(creditor_id=creditor_id, name=name), clock=clock, subject=creditor_id
            )
        session.commit()
    relay = OutboxRelay(engine=engine, settings=settings)
    try:
        relay.publish_pending()
    finally:
        relay.close()
        engine.dispose()
    return ids


def directory_size(engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(CreditorDirectoryEntry)).one()


def new_consumer(portal, clock, handler=on_creditor_registered, **kwargs):
    settings, engine = portal
    return EventConsumer(
        engine=engine, settings=settings, handlers={CreditorRegistered: handler}, clock=clock, **kwargs
    )


def test_an_event_delivered_twice_is_applied_once(settings_for, portal, clock, broker):
    publish(settings_for, clock, ["ACME"])
    # Replaying the topic delivers the same event ids a second time.
    record = read_topic(broker.bootstrap, portal[0].kafka_topic_prefix + "intake.creditors", expected=1)[0]
    producer = make_producer(portal[0])
    producer.send(record.topic, key=record.key, value=record.value).get(timeout=10)
    producer.close()
    consumer = new_consumer(portal, clock)
    try:
        outcomes = drain(consumer, until=lambda o: len(o) >= 2)
    finally:
        consumer.close()
    assert [o.status for o in outcomes] == ["applied", "duplicate"]
    assert directory_size(portal[1]) == 1


def test_a_consumer_killed_between_its_database_commit_and_its_offset_commit_applies_the_event_once(
    settings_for, portal, clock
):
    publish(settings_for, clock, ["ACME"])

    def die(record):
        raise SimulatedCrash

    doomed = new_consumer(portal, clock, after_db_commit=die)
    with pytest.raises(SimulatedCrash):
        drain(doomed, until=lambda o: False)
    doomed.close()  # the offset was never committed
    assert directory_size(portal[1]) == 1

    successor = new_consumer(portal, clock)
    try:
        outcomes = drain(successor, until=lambda o: len(o) >= 1)
    finally:
        successor.close()
    assert [o.status for o in outcomes] == ["duplicate"]
    assert directory_size(portal[1]) == 1


def test_an_event_whose_consumer_died_before_the_database_commit_is_delivered_again(settings_for, portal, clock):
    publish(settings_for, clock, ["ACME"])

    def die_in_handler(**kwargs):
        raise SimulatedCrash

    doomed = new_consumer(portal, clock, handler=die_in_handler)
    with pytest.raises(SimulatedCrash):
        drain(doomed, until=lambda o: False)
    doomed.close()
    assert directory_size(portal[1]) == 0

    successor = new_consumer(portal, clock)
    try:
        outcomes = drain(successor, until=lambda o: len(o) >= 1)
    finally:
        successor.close()
    assert [o.status for o in outcomes] == ["applied"]
    assert directory_size(portal[1]) == 1


def test_a_failing_handler_is_retried_with_backoff_then_succeeds(settings_for, portal, clock):
    publish(settings_for, clock, ["ACME"])
    failures = iter([RuntimeError("database hiccup"), RuntimeError("again")])
    waits = []

    def flaky(**kwargs):
        error = next(failures, None)
        if error:
            raise error
        on_creditor_registered(**kwargs)

    consumer = new_consumer(portal, clock, handler=flaky, sleep=waits.append)
    try:
        outcomes = drain(consumer, until=lambda o: len(o) >= 1)
    finally:
        consumer.close()
    assert [o.status for o in outcomes] == ["applied"]
    assert waits == [0.1, 0.2]
    assert directory_size(portal[1]) == 1


def test_an_event_that_keeps_failing_goes_to_the_dead_letter_topic_and_the_consumer_moves_on(
    settings_for, portal, clock, broker
):
    poison_id, healthy_id = publish(settings_for, clock, ["POISON", "HEALTHY"])

    def refuses_poison(*, event, **kwargs):
        if event.name == "POISON":
            raise RuntimeError("cannot project this creditor")
        on_creditor_registered(event=event, **kwargs)

    consumer = new_consumer(portal, clock, handler=refuses_poison, sleep=lambda s: None)
    try:
        outcomes = drain(consumer, until=lambda o: len(o) >= 2)
    finally:
        consumer.close()
    assert sorted(o.status for o in outcomes) == ["applied", "dead_lettered"]
    dead = read_topic(broker.bootstrap, portal[0].kafka_topic_prefix + "intake.creditors.dlq", expected=1)
    assert len(dead) == 1
    headers = dict(dead[0].headers)
    assert headers["error"] == b"cannot project this creditor"
    assert headers["error_type"] == b"RuntimeError"
    assert dead[0].key == poison_id.encode()
    with Session(portal[1]) as session:
        assert session.get(CreditorDirectoryEntry, uuid.UUID(healthy_id)) is not None
        assert session.get(CreditorDirectoryEntry, uuid.UUID(poison_id)) is None
        statuses = {row.status for row in session.exec(select(InboxMessage)).all()}
    assert statuses == {"applied", "dead_lettered"}


def test_a_dead_lettered_event_delivered_again_after_the_fix_is_applied(settings_for, portal, clock, broker):
    (poison_id,) = publish(settings_for, clock, ["POISON"])

    def refuses_everything(**kwargs):
        raise RuntimeError("cannot project this creditor")

    consumer = new_consumer(portal, clock, handler=refuses_everything, sleep=lambda s: None)
    try:
        assert [o.status for o in drain(consumer, until=lambda o: len(o) >= 1)] == ["dead_lettered"]
    finally:
        consumer.close()
    dead = read_topic(broker.bootstrap, portal[0].kafka_topic_prefix + "intake.creditors.dlq", expected=1)
    settings, _ = portal
    producer = make_producer(settings)
    try:  # what `recouvra replay` does once the handler is fixed: the same event, same id, again
        producer.send(settings.kafka_topic_prefix + "intake.creditors", key=dead[0].key, value=dead[0].value).get(15)
    finally:
        producer.close()
    consumer = new_consumer(portal, clock)
    try:
        outcomes = drain(consumer, until=lambda o: "applied" in [x.status for x in o])
    finally:
        consumer.close()
    assert "applied" in [o.status for o in outcomes]
    with Session(portal[1]) as session:
        assert session.get(CreditorDirectoryEntry, uuid.UUID(poison_id)) is not None
        assert {row.status for row in session.exec(select(InboxMessage)).all()} == {"applied"}


def test_a_topic_deleted_and_created_again_is_read_again_from_its_start(settings_for, portal, clock):
    """The consumer read three events of one key (one partition, position 3). The topic is deleted and created
    again, and five new events of the same key go to it (offsets 0 to 4). Kept, the position 3 would skip the
    first three of them; the consumer sees the topic's new id and reads it again from its start."""
    intake = settings_for("intake")
    engine = make_engine(intake.database_url)

    def stage_and_publish(names):
        with Session(engine) as session:
            for name in names:
                event = CreditorRegistered(creditor_id=str(uuid.uuid4()), name=name)
                record_event(session, event, clock=clock, subject="one-key")
            session.commit()
        relay = OutboxRelay(engine=engine, settings=intake)
        try:
            assert relay.publish_pending() == len(names)
        finally:
            relay.close()

    settings, portal_engine = portal
    consumer = EventConsumer(
        engine=portal_engine,
        settings=settings,
        handlers={CreditorRegistered: on_creditor_registered},
        clock=clock,
        consumer_factory=lambda: make_consumer(
            settings, group_id=f"{settings.kafka_topic_prefix}portal", topics=[topic], metadata_max_age_ms=300
        ),
    )
    topic = settings.kafka_topic_prefix + "intake.creditors"
    try:
        stage_and_publish(["A", "B", "C"])
        first = drain(consumer, until=lambda o: len(o) >= 3)
        assert [o.status for o in first] == ["applied"] * 3
        admin = make_admin(settings)
        try:
            admin.delete_topics([topic])
            deadline = time.monotonic() + 10
            while topic in admin.list_topics() and time.monotonic() < deadline:
                time.sleep(0.05)
            ensure_topics(admin, {topic: TOPIC_PARTITIONS["intake.creditors"]})
        finally:
            admin.close()
        stage_and_publish(["D", "E", "F", "G", "H"])
        second = drain(consumer, until=lambda o: sum(x.status == "applied" for x in o) >= 5, polls=150)
    finally:
        consumer.close()
        engine.dispose()
    assert sum(o.status == "applied" for o in second) == 5
    assert directory_size(portal_engine) == 8
