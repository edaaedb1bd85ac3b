"""A flood of reads cannot stop events from flowing (issue 11): the relay and the consumer take their
connections from a pool of their own, so the outbox is published while every API connection is taken."""

import pytest
from sqlalchemy.exc import TimeoutError as PoolExhausted
from sqlmodel import Session

from shared.db import make_engine
from shared.events.intake import CreditorRegistered
from shared.outbox import record_event
from shared.runtime import Runtime
from workbench.testing.kafka import read_topic


def test_the_relay_keeps_publishing_while_every_api_connection_is_taken(settings_for, clock, broker):
    settings = settings_for("intake", db_pool_size=1, db_max_overflow=0, db_pool_timeout_s=0.2)
    runtime = Runtime.build(settings, clock=clock)
    writer = make_engine(settings.database_url, pool_size=1)  # another process's API, deciding things
    flood = runtime.engine.connect()
    try:
        with pytest.raises(PoolExhausted):
            runtime.engine.connect()
        with Session(writer) as session:
            for i in range(3):
                record_event(
                    session, CreditorRegistered(creditor_id=f"c{i}", name=f"n{i}"), clock=clock, subject=f"c{i}"
                )
            session.commit()
        runtime.start_workers()

        records = read_topic(broker.bootstrap, settings.kafka_topic_prefix + "intake.creditors", expected=3)

        assert len(records) == 3
        with runtime.worker_engine.connect():
            pass  # the consumer's and the background jobs' connections are still there too
    finally:
        flood.close()
        runtime.shutdown()
        writer.dispose()
