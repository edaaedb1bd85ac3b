"""A transaction PostgreSQL rolled back to break a deadlock is a conflict with another transaction, not a database
down: the consumer tries the event again after its back-off and applies it, and never dead-letters it for the
conflict. It used to take the deadlock for an outage: the consumer closed, its group rebalanced, and the event waited
for the restart. The effect under test is the portal's creditor directory, projected from `creditor.registered`."""

import uuid

import psycopg.errors
import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from shared.consumer import EventConsumer, StoreUnavailable
from shared.events.intake import CreditorRegistered
from workbench.testing.kafka import drain, publish_one, read_topic

from portal.handlers import on_creditor_registered
from portal.identity.models import CreditorDirectoryEntry

BACKOFF_MS = 100  # the `portal` fixture's


def deadlock() -> OperationalError:
    """What SQLAlchemy raises when PostgreSQL chose this transaction as a deadlock's victim."""
    return OperationalError("UPDATE portal_creditors ...", {}, psycopg.errors.DeadlockDetected("deadlock detected"))


def consumer_of(portal, clock, handler, sleeps: list[float]) -> EventConsumer:
    settings, engine = portal
    return EventConsumer(
        engine=engine, settings=settings, handlers={CreditorRegistered: handler}, clock=clock, sleep=sleeps.append
    )


def dead_letters(broker, settings) -> list:
    return read_topic(broker.bootstrap, settings.kafka_topic_prefix + "intake.creditors.dlq", expected=1, timeout_s=2)


def is_listed(engine, creditor_id: str) -> bool:
    with Session(engine) as session:
        return session.get(CreditorDirectoryEntry, uuid.UUID(creditor_id)) is not None


def test_a_handler_chosen_as_a_deadlock_victim_is_retried_and_applied(settings_for, portal, clock, broker):
    """Its first call is in the batch (whose failure sends it the one-at-a-time way, as its first attempt), its
    second is the one-at-a-time path's: both deadlock, the third attempt applies it."""
    creditor_id = publish_one(settings_for, clock)
    calls = []

    def deadlocks_twice(**kwargs):
        calls.append(kwargs["event"].creditor_id)
        if len(calls) <= 2:
            raise deadlock()
        on_creditor_registered(**kwargs)

    sleeps: list[float] = []
    consumer = consumer_of(portal, clock, deadlocks_twice, sleeps)
    try:
        outcomes = drain(consumer, until=lambda o: len(o) >= 1)
    finally:
        consumer.close()
    assert [o.status for o in outcomes] == ["applied"]
    assert calls == [creditor_id] * 3
    assert sleeps == [BACKOFF_MS / 1000, 2 * BACKOFF_MS / 1000]  # the back-off of attempts 1 and 2
    assert is_listed(portal[1], creditor_id)
    assert dead_letters(broker, portal[0]) == []


def test_a_deadlock_at_every_attempt_stops_the_consumer_and_the_event_is_applied_when_it_comes_again(
    settings_for, portal, clock, broker
):
    """After the last attempt the event is not dead-lettered for a conflict: the consumer stops as for a database
    down, its offset uncommitted, and the event comes again."""
    creditor_id = publish_one(settings_for, clock)
    conflicting = [True]

    def deadlocks_while_conflicting(**kwargs):
        if conflicting[0]:
            raise deadlock()
        on_creditor_registered(**kwargs)

    consumer = consumer_of(portal, clock, deadlocks_while_conflicting, [])
    try:
        with pytest.raises(StoreUnavailable, match="kept conflicting"):
            drain(consumer, until=lambda o: len(o) >= 1)
        consumer.close()  # what the consumer loop does: start again
        conflicting[0] = False
        outcomes = drain(consumer, until=lambda o: len(o) >= 1)
    finally:
        consumer.close()
    assert [o.status for o in outcomes] == ["applied"]
    assert is_listed(portal[1], creditor_id)
    assert dead_letters(broker, portal[0]) == []


def test_a_batch_whose_commit_deadlocks_applies_its_events_one_at_a_time(settings_for, portal, clock, broker):
    """A deferred check at the commit can meet another transaction's lock: the batch is rolled back whole, and
    its event is applied on the one-at-a-time path rather than the consumer stopping."""
    creditor_id = publish_one(settings_for, clock)
    settings, engine = portal
    commits = []

    def first_commit_deadlocks(_connection):
        commits.append(True)
        if len(commits) == 1:
            raise deadlock()

    event.listen(engine, "commit", first_commit_deadlocks)
    consumer = consumer_of(portal, clock, on_creditor_registered, [])
    try:
        outcomes = drain(consumer, until=lambda o: len(o) >= 1)
    finally:
        consumer.close()
        event.remove(engine, "commit", first_commit_deadlocks)
    assert [o.status for o in outcomes] == ["applied"]
    assert len(commits) >= 2  # the batch's, refused, then the event's own
    assert is_listed(engine, creditor_id)
    assert dead_letters(broker, settings) == []
