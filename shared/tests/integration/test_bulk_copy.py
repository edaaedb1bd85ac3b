"""Rows written with COPY in the session's transaction (`shared.bulk_copy`) and events staged in bulk
(`shared.outbox.record_events`), on real PostgreSQL and the real broker."""

import json
import uuid
from collections import defaultdict

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from shared.bulk_copy import copy_rows
from shared.db import make_engine
from shared.events.intake import CreditorRegistered
from shared.outbox import OutboxMessage, record_events
from shared.relay import OutboxRelay
from workbench.testing.kafka import read_topic


def outbox_rows(engine):
    with Session(engine) as session:
        return session.exec(select(OutboxMessage).order_by(col(OutboxMessage.seq))).all()


def test_copied_rows_take_the_models_defaults_and_keep_their_json(settings_for, clock):
    engine = make_engine(settings_for("intake").database_url)
    event_id = uuid.uuid4()
    with Session(engine) as session:
        row = {
            "event_id": event_id,
            "topic": "intake.creditors",
            "event_type": "t",
            "envelope": {
                "data": {"name": "Société « Générale »\ttab\nline", "amount": "10.00"},
                "inputs": {
                    "ratio": 0.1,
                    "tiny": 1e-07,
                    "days": 45,
                    "flags": [True, False, None],
                    "nested": [{"é": []}],
                },
            },
            "created_at": clock.now(),
        }
        assert copy_rows(session, OutboxMessage, [row]) == 1
        session.commit()
    (stored,) = outbox_rows(engine)
    assert stored.seq is not None and stored.event_id == event_id
    assert (stored.key, stored.headers, stored.published_at) == (None, {}, None)  # the model's defaults
    assert stored.envelope == row["envelope"]


def test_nothing_to_copy_sends_nothing(settings_for):
    engine = make_engine(settings_for("intake").database_url)
    with Session(engine) as session:
        assert copy_rows(session, OutboxMessage, []) == 0
        assert not session.in_transaction()  # not even a transaction was begun


def test_a_copy_refused_by_postgresql_is_sqlalchemys_error_and_the_transaction_rolls_back(settings_for, clock):
    engine = make_engine(settings_for("intake").database_url)
    twice = uuid.uuid4()
    rows = [
        {"event_id": event_id, "topic": "x", "event_type": "t", "envelope": {}, "created_at": clock.now()}
        for event_id in (uuid.uuid4(), twice, twice)
    ]
    with Session(engine) as session:
        with pytest.raises(IntegrityError):
            copy_rows(session, OutboxMessage, rows)
        session.rollback()
        assert session.execute(text("SELECT 1")).scalar() == 1  # the session is usable again
    assert outbox_rows(engine) == []


def test_events_staged_in_bulk_are_published_in_order_with_the_transaction_only(settings_for, clock, broker):
    settings = settings_for("intake")
    engine = make_engine(settings.database_url)
    events = [(CreditorRegistered(creditor_id=s, name=f"n{i}"), s, s) for i, s in enumerate(["a", "b"] * 10)]
    with Session(engine) as session:
        assert record_events(session, events[:3], clock=clock) == 3
        session.rollback()
    with Session(engine) as session:
        assert session.exec(select(func.count()).select_from(OutboxMessage)).one() == 0
        assert record_events(session, events, clock=clock) == 20
        session.commit()
    relay = OutboxRelay(engine=engine, settings=settings)
    try:
        assert relay.publish_pending() == 20
    finally:
        relay.close()
    records = read_topic(broker.bootstrap, settings.kafka_topic_prefix + "intake.creditors", expected=20)
    names_by_key = defaultdict(list)
    for record in sorted(records, key=lambda r: (r.partition, r.offset)):
        envelope = json.loads(record.value)
        assert envelope["tenant"] == record.key.decode()
        names_by_key[record.key].append(envelope["data"]["name"])
    assert names_by_key[b"a"] == [f"n{i}" for i in range(0, 20, 2)]
    assert names_by_key[b"b"] == [f"n{i}" for i in range(1, 20, 2)]


def test_a_row_without_a_field_that_has_no_default_is_refused_by_name(settings_for, clock):
    engine = make_engine(settings_for("intake").database_url)
    with Session(engine) as session:
        with pytest.raises(KeyError, match=r"OutboxMessage\.event_type"):
            copy_rows(session, OutboxMessage, [{"event_id": uuid.uuid4(), "topic": "x", "created_at": clock.now()}])
        session.rollback()
    assert outbox_rows(engine) == []
