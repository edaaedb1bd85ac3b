"""Wake on work (issue 17): an idle relay sleeps on LISTEN and wakes at the commit that staged an event; in the
embedded profile relays announce what they published to the consumers sleeping on `recouvra_published`."""

import threading
import time
from itertools import pairwise

from sqlmodel import Session, col, select

from shared.config import Profile
from shared.db import make_engine
from shared.events.intake import CreditorRegistered
from shared.outbox import NOTIFY_CHANNEL, OutboxMessage, record_event
from shared.relay import OutboxRelay
from shared.wakeup import PUBLISHED_CHANNEL, Announcer, Listener, conninfo_of, names_one_of, published_conninfo


def _published(engine) -> int:
    with Session(engine) as session:
        return len(session.exec(select(OutboxMessage).where(col(OutboxMessage.published_at).is_not(None))).all())


def test_an_idle_relay_publishes_at_the_commit_not_at_its_next_sweep(settings_for, clock, broker):
    settings = settings_for("intake")
    engine = make_engine(settings.database_url)
    relay = OutboxRelay(engine=engine, settings=settings, broker_check_interval_s=600, sweep_interval_s=600)
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop,), daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while relay._last_broker_check == 0.0 and time.monotonic() < deadline:  # its first pass is done
            time.sleep(0.05)
        time.sleep(0.3)  # asleep on its listener now; without the NOTIFY the next look would be in 600 s
        with Session(engine) as session:
            record_event(session, CreditorRegistered(creditor_id="w", name="woken"), clock=clock, subject="w")
            session.commit()
        deadline = time.monotonic() + 10
        while _published(engine) < 1 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _published(engine) == 1
    finally:
        stop.set()
        thread.join(timeout=15)
        engine.dispose()


def test_a_flow_of_commits_goes_out_in_passes_a_gap_apart_and_a_lone_commit_at_once(settings_for, clock, broker):
    """`relay_gap_ms`: while commits keep coming, the relay's passes are at least the gap apart, each taking what
    came meanwhile; an event after a quiet spell longer than the gap is not held."""
    settings = settings_for("intake", relay_gap_ms=1000)
    engine = make_engine(settings.database_url)
    relay = OutboxRelay(engine=engine, settings=settings, broker_check_interval_s=600, sweep_interval_s=600)
    stop = threading.Event()
    thread = threading.Thread(target=relay.run, args=(stop,), daemon=True)
    thread.start()

    def commit(n: int) -> None:
        with Session(engine) as session:
            record_event(session, CreditorRegistered(creditor_id=f"f{n}", name="flow"), clock=clock, subject=f"f{n}")
            session.commit()

    def published_within(count: int, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while _published(engine) < count and time.monotonic() < deadline:
            time.sleep(0.01)

    try:
        deadline = time.monotonic() + 60
        while relay._last_broker_check == 0.0 and time.monotonic() < deadline:  # its first pass is done
            time.sleep(0.05)
        # The producer's first send fetches the topic's metadata and connects (0.4 s on a loaded machine): done here,
        # so that what follows measures the relay's pacing, not the producer's start.
        commit(-1)
        published_within(1, 10)
        time.sleep(1.1)  # a quiet spell longer than the gap
        committed = time.monotonic()
        commit(0)
        published_within(2, 10)
        assert time.monotonic() - committed < 0.9  # at once, not a gap later: it waited for no pass
        for n in range(1, 9):  # a commit every 25 ms for 200 ms
            commit(n)
            time.sleep(0.025)  # the flow's pace, not a wait for the relay
        published_within(10, 10)
        with Session(engine) as session:
            instants = session.exec(select(OutboxMessage.published_at).where(OutboxMessage.key != "f-1")).all()
        passes = sorted(set(instants))
        assert _published(engine) == 10
        assert 2 <= len(passes) <= 3, passes  # one pass per commit without the gap: nine
        # The gap runs from a pass's start and its instant is taken after the broker's acknowledgement: passes a
        # little under the gap apart, never nine passes 25 ms apart.
        assert all((later - earlier).total_seconds() >= 0.6 for earlier, later in pairwise(passes)), passes
    finally:
        stop.set()
        thread.join(timeout=15)
        engine.dispose()


def test_the_notify_goes_with_the_commit_and_survives_a_savepoint_rolled_back(settings_for, clock):
    engine = make_engine(settings_for("intake").database_url)
    listener = Listener(conninfo_of(engine), channel=NOTIFY_CHANNEL, name="test-wakeup")
    listener.listen()
    try:
        with Session(engine) as session:
            record_event(session, CreditorRegistered(creditor_id="r", name="rolled back"), clock=clock, subject="r")
            session.rollback()
        assert not listener.wait(0.3)
        with Session(engine) as session:
            nested = session.begin_nested()
            record_event(session, CreditorRegistered(creditor_id="s", name="savepoint"), clock=clock, subject="s")
            nested.rollback()
            record_event(session, CreditorRegistered(creditor_id="t", name="kept"), clock=clock, subject="t")
            session.commit()
        assert listener.wait(5)
    finally:
        listener.close()
        engine.dispose()


def test_in_the_embedded_profile_relays_announce_the_topics_they_published_to(settings_for):
    assert published_conninfo(settings_for("intake")) is None  # Apache Kafka's long fetch waits do this job
    settings = settings_for("intake", profile=Profile.EMBEDDED)
    conninfo = published_conninfo(settings)
    assert conninfo is not None and conninfo.endswith("/postgres")
    listener = Listener(conninfo, channel=PUBLISHED_CHANNEL, name="test-consumer-wakeup")
    listener.listen()
    announcer = Announcer(settings)
    try:
        announcer.announce(["p.intake.cases"])
        assert not listener.wait(0.3, wanted=names_one_of(["p.dunning.steps"]))
        announcer.announce(["p.intake.creditors", "p.intake.cases"])
        assert listener.wait(5, wanted=names_one_of(["p.intake.cases"]))
    finally:
        announcer.close()
        listener.close()
