"""A fetch applied in one transaction (`shared.consumer_batch`), on real PostgreSQL and the real broker. The effect
under test is the portal's creditor directory, projected from intake's `creditor.registered` events."""

import json

import pytest
from sqlalchemy import event
from sqlmodel import Session, select

from shared import consumer_batch
from shared.consumer import EventRefused
from shared.consumer_batch import handle_records
from shared.events.intake import CreditorRegistered
from shared.inbox import InboxMessage
from workbench.testing.kafka import read_topic

from .test_consumer import SimulatedCrash, directory_size, new_consumer, publish
from portal.handlers import on_creditor_registered

NAMES = ["ACME", "Boulangerie Martin", "Cave Dupont", "Dépôt Lenoir", "Ébénisterie Roux", "Forges Petit"]


@pytest.fixture
def fetched(settings_for, clock, broker, portal):
    """The six events as one fetch would hand them over, in publication order."""
    publish(settings_for, clock, NAMES)
    records = read_topic(broker.bootstrap, portal[0].kafka_topic_prefix + "intake.creditors", expected=len(NAMES))
    return sorted(records, key=lambda record: NAMES.index(json.loads(record.value)["data"]["name"]))


@pytest.fixture
def commits(portal):
    counted: list[object] = []

    def count(connection):
        counted.append(connection)

    event.listen(portal[1], "commit", count)
    yield counted
    event.remove(portal[1], "commit", count)


def failing_for(name, error, times=1):
    left = [times]

    def handler(**kwargs):
        if kwargs["event"].name == name and left[0] > 0:
            left[0] -= 1
            raise error
        on_creditor_registered(**kwargs)

    return handler


def test_a_fetch_is_applied_in_one_commit(portal, clock, fetched, commits):
    consumer = new_consumer(portal, clock)
    assert [o.status for o in handle_records(consumer, fetched)] == ["applied"] * 6
    assert len(commits) == 1
    assert directory_size(portal[1]) == 6


def test_a_failing_event_commits_those_before_it_is_retried_alone_and_batching_resumes_after_it(
    portal, clock, fetched, commits
):
    waits: list[float] = []
    handler = failing_for("Cave Dupont", RuntimeError("database hiccup"))
    consumer = new_consumer(portal, clock, handler=handler, sleep=waits.append)
    assert [o.status for o in handle_records(consumer, fetched)] == ["applied"] * 6
    assert len(commits) == 3  # the two before it, itself alone, the three after it
    assert waits == [0.1]  # its failure in the batch was its first attempt: one back-off before the second
    assert directory_size(portal[1]) == 6


def test_an_event_failing_every_attempt_is_dead_lettered_and_the_others_applied(portal, clock, fetched, broker):
    handler = failing_for("Dépôt Lenoir", RuntimeError("always"), times=99)
    consumer = new_consumer(portal, clock, handler=handler, sleep=lambda s: None)
    try:
        statuses = [o.status for o in handle_records(consumer, fetched)]
    finally:
        consumer.close()
    assert statuses == ["applied", "applied", "applied", "dead_lettered", "applied", "applied"]
    assert directory_size(portal[1]) == 5
    dead = read_topic(broker.bootstrap, portal[0].kafka_topic_prefix + "intake.creditors.dlq", expected=1)
    assert [json.loads(r.value)["data"]["name"] for r in dead] == ["Dépôt Lenoir"]


def test_a_refused_event_goes_to_the_dead_letter_topic_without_a_retry(portal, clock, fetched, broker):
    waits: list[float] = []
    handler = failing_for("ACME", EventRefused("names another creditor"), times=99)
    consumer = new_consumer(portal, clock, handler=handler, sleep=waits.append)
    try:
        statuses = [o.status for o in handle_records(consumer, fetched)]
    finally:
        consumer.close()
    assert statuses == ["dead_lettered"] + ["applied"] * 5
    assert waits == []
    assert directory_size(portal[1]) == 5


def test_a_crash_in_the_middle_of_a_fetch_keeps_none_of_it_and_its_redelivery_applies_each_event_once(
    portal, clock, fetched
):
    doomed = new_consumer(portal, clock, handler=failing_for("Ébénisterie Roux", SimulatedCrash()))
    with pytest.raises(SimulatedCrash):
        handle_records(doomed, fetched)
    assert directory_size(portal[1]) == 0  # the four applied before it went with the transaction

    successor = new_consumer(portal, clock)
    assert [o.status for o in handle_records(successor, fetched + fetched[:2])] == ["applied"] * 6 + ["duplicate"] * 2
    assert directory_size(portal[1]) == 6
    with Session(portal[1]) as session:
        assert len(session.exec(select(InboxMessage)).all()) == 6


def test_a_long_fetch_is_committed_in_transactions_of_at_most_max_together_events(
    portal, clock, fetched, commits, monkeypatch
):
    monkeypatch.setattr(consumer_batch, "MAX_TOGETHER", 4)
    consumer = new_consumer(portal, clock)
    assert [o.status for o in handle_records(consumer, fetched)] == ["applied"] * 6
    assert len(commits) == 2  # four, then two: the row locks of a batch are not held for a whole fetch
    assert directory_size(portal[1]) == 6


def applying_each(calls, fail=None):
    """A run handler (`shared.consumer_runs`) that applies each event with the handler, and counts its runs."""

    def run_handler(*, session, events, clock):
        calls.append([item.event.name for item in events])
        if fail is not None:
            raise fail
        for item in events:
            on_creditor_registered(session=session, event=item.event, envelope=item.envelope, clock=clock)

    return run_handler


def test_a_run_of_one_type_goes_to_its_run_handler_at_once_claimed_in_one_statement(portal, clock, fetched, commits):
    calls: list[list[str]] = []
    consumer = new_consumer(portal, clock, run_handlers={CreditorRegistered: applying_each(calls)})
    assert [o.status for o in handle_records(consumer, fetched + fetched[:2])] == ["applied"] * 6 + ["duplicate"] * 2
    assert calls == [NAMES]  # the two delivered twice in the fetch are claimed once
    assert len(commits) == 1
    assert directory_size(portal[1]) == 6
    again = new_consumer(portal, clock, run_handlers={CreditorRegistered: applying_each(calls)})
    assert [o.status for o in handle_records(again, fetched)] == ["duplicate"] * 6
    assert calls == [NAMES]  # a redelivered fetch: all claimed already, the run handler not called
    with Session(portal[1]) as session:
        assert len(session.exec(select(InboxMessage)).all()) == 6


def test_a_run_handler_that_raises_leaves_nothing_and_its_events_go_one_by_one(portal, clock, fetched, commits):
    calls: list[list[str]] = []
    run_handler = applying_each(calls, fail=RuntimeError("a bug in the set-based path"))
    consumer = new_consumer(portal, clock, run_handlers={CreditorRegistered: run_handler})
    assert [o.status for o in handle_records(consumer, fetched)] == ["applied"] * 6
    assert calls == [NAMES]  # tried once; then no other run in that batch
    assert len(commits) == 1
    assert directory_size(portal[1]) == 6
    with Session(portal[1]) as session:
        assert {row.status for row in session.exec(select(InboxMessage)).all()} == {"applied"}


def test_a_run_stops_at_a_record_of_another_kind_and_resumes_after_it(portal, clock, fetched, commits, monkeypatch):
    calls: list[list[str]] = []
    consumer = new_consumer(portal, clock, run_handlers={CreditorRegistered: applying_each(calls)})
    broken = fetched[2]._replace(value=b"not an envelope")
    monkeypatch.setattr(consumer, "_dead_letter", lambda record, error, kind: None)
    statuses = [o.status for o in handle_records(consumer, [*fetched[:2], broken, *fetched[3:]])]
    assert statuses == ["applied", "applied", "dead_lettered", "applied", "applied", "applied"]
    assert calls == [NAMES[:2], NAMES[3:]]
    assert directory_size(portal[1]) == 5


def test_records_a_run_cannot_take_do_not_stop_the_runs_after_them(portal, clock, fetched, commits):
    calls: list[list[str]] = []
    consumer = new_consumer(portal, clock, run_handlers={CreditorRegistered: applying_each(calls)})
    envelope = json.loads(fetched[0].value)
    other = fetched[0]._replace(value=json.dumps({**envelope, "type": "recouvra.elsewhere.thing.v1"}).encode())
    statuses = [o.status for o in handle_records(consumer, [other, *fetched])]
    assert statuses == ["ignored"] + ["applied"] * 6
    assert calls == [NAMES]  # the record of another type went its own way, in the same transaction
    assert len(commits) == 1
