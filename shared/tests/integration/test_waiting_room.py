"""The waiting room, on real PostgreSQL (and the real broker for the dead-letter topic): an event whose
prerequisite has not arrived waits, in order, and is applied when it arrives; never dropped, never applied twice.

The consumer under test is the portal's, with one extra handler that needs the creditor of a user's event in the
portal's creditor directory, and writes an audit entry when it applies."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest
from kafka.consumer.fetcher import ConsumerRecord
from sqlmodel import Session, col, select

from shared.audit import AuditEntry, audit
from shared.clock import Clock
from shared.consumer import EventConsumer
from shared.consumer_batch import handle_records
from shared.db import make_engine
from shared.events.envelope import CloudEvent
from shared.events.identity import UserCreated
from shared.events.intake import CreditorRegistered
from shared.inbox import InboxMessage
from shared.waiting_room import ParkedEvent, PrerequisiteMissing
from workbench.testing.kafka import read_topic

from portal.handlers import on_creditor_registered
from portal.identity.models import CreditorDirectoryEntry


def on_user_created(*, session: Session, event: UserCreated, envelope: CloudEvent, clock: Clock) -> None:
    audit(session, actor=None, action="user.seen", entity="user", entity_id=event.user_id, clock=clock)
    session.flush()  # a partial write the waiting room must roll back when the prerequisite is missing
    if session.get(CreditorDirectoryEntry, uuid.UUID(event.creditor_id or "")) is None:
        raise PrerequisiteMissing(event.creditor_id, f"creditor {event.creditor_id} is not in the directory yet")


@pytest.fixture
def portal(settings_for):
    settings = settings_for("portal", waiting_room_patience_h=24)
    engine = make_engine(settings.database_url)
    yield settings, engine
    engine.dispose()


@pytest.fixture
def consumer(portal, clock):
    settings, engine = portal
    handlers = {CreditorRegistered: on_creditor_registered, UserCreated: on_user_created}
    consumer = EventConsumer(engine=engine, settings=settings, handlers=handlers, clock=clock)
    yield consumer
    consumer.close()


class Topic:
    """Records as the broker would deliver them: offsets counted per topic and partition."""

    def __init__(self, prefix: str, clock: Clock) -> None:
        self.prefix, self.clock, self.offsets = prefix, clock, {}

    def record(self, event, *, key: str) -> ConsumerRecord:
        envelope = CloudEvent.wrap(event, subject=key, tenant=None, time=self.clock.now())
        topic = self.prefix + event.topic
        offset = self.offsets[topic] = self.offsets.get(topic, -1) + 1
        return ConsumerRecord(
            topic=topic,
            partition=0,
            leader_epoch=-1,
            offset=offset,
            timestamp=0,
            timestamp_type=0,
            key=key.encode(),
            value=envelope.to_bytes(),
            headers=[],
            checksum=None,
            serialized_key_size=-1,
            serialized_value_size=-1,
            serialized_header_size=-1,
        )


def user(creditor_id: str, user_id: str | None = None, email: str = "a@example.fr") -> UserCreated:
    return UserCreated(user_id=user_id or str(uuid.uuid4()), email=email, role="creditor", creditor_id=creditor_id)


def seen_users(engine) -> list[str]:
    with Session(engine) as session:
        return [e.entity_id for e in session.exec(select(AuditEntry).order_by(col(AuditEntry.id))).all()]


def inbox_status(engine, event_id: str) -> str:
    with Session(engine) as session:
        return session.get(InboxMessage, event_id).status


def parked(engine) -> list[ParkedEvent]:
    with Session(engine) as session:
        return list(session.exec(select(ParkedEvent).order_by(col(ParkedEvent.seq))).all())


def test_an_event_that_arrives_before_its_prerequisite_waits_and_is_applied_when_it_arrives(
    portal, consumer, clock, topic_prefix
):
    topics, creditor_id = Topic(topic_prefix, clock), str(uuid.uuid4())
    early = topics.record(user(creditor_id), key="u1")

    outcome = consumer.handle_record(early)

    assert outcome.status == "parked"
    assert seen_users(portal[1]) == [], "the handler's partial write was rolled back"
    assert [(p.awaiting, p.reason) for p in parked(portal[1])] == [
        (creditor_id, f"creditor {creditor_id} is not in the directory yet")
    ]
    assert inbox_status(portal[1], outcome.event_id) == "parked"
    assert consumer.handle_record(early).status == "duplicate", "a redelivered parked event is not parked twice"

    arrived = consumer.handle_record(
        topics.record(CreditorRegistered(creditor_id=creditor_id, name="ACME"), key=creditor_id)
    )

    assert arrived.status == "applied"
    assert len(seen_users(portal[1])) == 1 and parked(portal[1]) == []
    assert inbox_status(portal[1], outcome.event_id) == "applied"


def test_later_events_of_the_same_key_queue_behind_a_waiting_one_and_keep_their_order(
    portal, consumer, clock, topic_prefix
):
    topics, missing, known = Topic(topic_prefix, clock), str(uuid.uuid4()), str(uuid.uuid4())
    consumer.handle_record(topics.record(CreditorRegistered(creditor_id=known, name="Known"), key=known))
    first, second = (
        user(missing, "11111111-0000-0000-0000-000000000000"),
        user(known, "22222222-0000-0000-0000-000000000000"),
    )

    assert consumer.handle_record(topics.record(first, key="same-user")).status == "parked"
    assert consumer.handle_record(topics.record(second, key="same-user")).status == "parked", (
        "its own prerequisite is there, but an earlier event of its key waits"
    )
    other_key = user(known, "33333333-0000-0000-0000-000000000000")
    assert consumer.handle_record(topics.record(other_key, key="another-user")).status == "applied"

    consumer.handle_record(topics.record(CreditorRegistered(creditor_id=missing, name="Late"), key=missing))

    assert seen_users(portal[1]) == [other_key.user_id, first.user_id, second.user_id]
    assert parked(portal[1]) == []


@pytest.mark.parametrize("parked_before", [False, True], ids=["empty room", "room in use"])
def test_in_one_fetch_an_event_queues_behind_one_parked_earlier_in_it_and_its_prerequisite_releases_both(
    portal, consumer, clock, topic_prefix, parked_before
):
    """The batch path (one transaction for a fetch) keeps the waiting room's rules whether the room was empty at the
    batch's start (it then tracks what the batch parks itself) or not (it looks event by event)."""
    topics, missing, known = Topic(topic_prefix, clock), str(uuid.uuid4()), str(uuid.uuid4())
    waiting = topics.record(user(str(uuid.uuid4())), key="someone-else")
    if parked_before:
        assert consumer.handle_record(waiting).status == "parked"
    consumer.handle_record(topics.record(CreditorRegistered(creditor_id=known, name="Known"), key=known))
    first, second, other = user(missing), user(known), user(known)
    fetch = [
        topics.record(first, key="same-user"),
        topics.record(second, key="same-user"),
        topics.record(other, key="another-user"),
        topics.record(CreditorRegistered(creditor_id=missing, name="Late"), key=missing),
    ]

    outcomes = handle_records(consumer, fetch)

    assert [o.status for o in outcomes] == ["parked", "parked", "applied", "applied"]
    assert seen_users(portal[1]) == [other.user_id, first.user_id, second.user_id]
    assert [p.event_type for p in parked(portal[1])] == ([UserCreated.type] if parked_before else [])


def test_the_timer_pass_applies_what_an_event_of_another_subject_provided(portal, consumer, clock, topic_prefix):
    """The directory entry can also come from somewhere else than an event with that subject (a fresh read)."""
    topics, creditor_id = Topic(topic_prefix, clock), str(uuid.uuid4())
    consumer.handle_record(topics.record(user(creditor_id), key="u1"))
    with Session(portal[1]) as session:
        session.add(
            CreditorDirectoryEntry(creditor_id=uuid.UUID(creditor_id), name="Read fresh", registered_at=clock.now())
        )
        session.commit()

    assert consumer.release() == 1
    assert len(seen_users(portal[1])) == 1 and parked(portal[1]) == []


def test_an_event_that_waits_longer_than_the_patience_goes_to_the_dead_letter_topic_with_its_reason(
    portal, consumer, clock, topic_prefix, broker
):
    topics, creditor_id = Topic(topic_prefix, clock), str(uuid.uuid4())
    outcome = consumer.handle_record(topics.record(user(creditor_id), key="u1"))
    clock.set(clock.now() + timedelta(hours=23))
    assert consumer.expire_parked() == 0

    clock.set(clock.now() + timedelta(hours=2))
    assert consumer.expire_parked() == 1

    dead = read_topic(broker.bootstrap, topic_prefix + "portal.users.dlq", expected=1)
    assert len(dead) == 1 and json.loads(dead[0].value)["id"] == outcome.event_id
    headers = {name: value.decode() for name, value in dead[0].headers}
    assert headers["error_type"] == "PrerequisiteMissing"
    assert f"waited 24.0 h for {creditor_id}" in headers["error"] and "not in the directory yet" in headers["error"]
    assert parked(portal[1]) == [] and inbox_status(portal[1], outcome.event_id) == "dead_lettered"


def test_a_sweep_says_whether_anything_is_still_parked(portal, consumer, clock, topic_prefix):
    """The consumer loop sweeps an empty waiting room only as a slow backstop (issue 17: idle CPU); the sweep
    tells it the waiting room is empty only once the last parked event is out."""
    topics, creditor_id = Topic(topic_prefix, clock), str(uuid.uuid4())
    assert consumer.parked.sweep() is False
    consumer.handle_record(topics.record(user(creditor_id), key="u1"))
    assert consumer.parked.sweep() is True  # its creditor is still unknown
    with Session(portal[1]) as session:
        session.add(
            CreditorDirectoryEntry(creditor_id=uuid.UUID(creditor_id), name="Arrived", registered_at=clock.now())
        )
        session.commit()
    assert consumer.parked.sweep() is False
    assert len(seen_users(portal[1])) == 1
