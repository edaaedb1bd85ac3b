"""The event consumer's life in a background thread: poll, apply, sweep the waiting room, and sleep when idle.

Wake on work: on Apache Kafka a long `fetch_max_wait_ms` lets an idle consumer sleep in the broker, which answers
as soon as data comes. The embedded broker holds every fetch for its whole wait even when data is there, so in the
embedded profile an idle consumer (two empty polls in a row) stops fetching and sleeps on `recouvra_published`
(`shared.wakeup`), where the relays announce the topics they publish to, until an announcement names one of its
topics, the waiting room's next sweep, or `IDLE_POLL_S`, whichever comes first. The waiting room is swept every
`waiting_room_sweep_s` while events wait there, and only every `EMPTY_SWEEP_S` once a sweep found it empty, until
this consumer parks one (issue 17: each wake-up of an idle consumer cost about 20 ms of CPU, in five services).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from typing import Protocol

import psycopg

from shared.config import BaseServiceSettings
from shared.parked_events import ParkedEvents
from shared.wakeup import PUBLISHED_CHANNEL, Listener, names_one_of, published_conninfo

log = logging.getLogger(__name__)
IDLE_POLL_S = 15.0  # the longest an idle embedded consumer goes without a fetch (a missed announcement)
EMPTY_SWEEP_S = 60.0  # the waiting room's sweep when the last one found it empty (another replica may park)
QUIET_POLLS = 2  # empty polls in a row before an embedded consumer sleeps
SHORT_POLL_MS = 50  # a poll's wait while a sleeping consumer can be woken (the fetch wait is short there)
POLL_MS = 500
UNASSIGNED_ALERT_S = 60.0  # a consumer this long without partitions is logged as an error, every 60 s while so


class Outcome(Protocol):
    @property
    def status(self) -> str: ...


class Polling(Protocol):
    """What the loop needs of `shared.consumer.EventConsumer`."""

    settings: BaseServiceSettings
    topics: list[str]

    def poll_once(self, timeout_ms: int = ...) -> Sequence[Outcome]: ...
    @property
    def parked(self) -> ParkedEvents: ...
    def is_assigned(self) -> bool: ...
    def close(self) -> None: ...


class PartitionWatch:
    """When a consumer has gone without partitions for too long to be joining its group: the group may never form
    again. Issue 18's proof lost events twice to such a consumer, and nothing in its log said so."""

    def __init__(self, alert_s: float = UNASSIGNED_ALERT_S) -> None:
        self.alert_s = alert_s
        self.since: float | None = None
        self.next_alert = 0.0

    def seen(self, assigned: bool, now: float) -> float | None:
        """The seconds without partitions when an alert is due (one every `alert_s`), else None."""
        if assigned:
            self.since = None
            return None
        if self.since is None:
            self.since, self.next_alert = now, now + self.alert_s
            return None
        if now < self.next_alert:
            return None
        self.next_alert = now + self.alert_s
        return now - self.since


def sweep_pause(anything_parked: bool, sweep_s: float) -> float:
    """Seconds to the waiting room's next sweep: `sweep_s` while events wait there; once a sweep found it empty,
    only a slow backstop (an event another replica parked before it died), until this consumer parks one."""
    return sweep_s if anything_parked else max(sweep_s, EMPTY_SWEEP_S)


def run_consumer(consumer: Polling, stop: threading.Event) -> None:
    conninfo = published_conninfo(consumer.settings)
    name = f"{consumer.settings.service_name}-consumer-wakeup"
    listener = Listener(conninfo, channel=PUBLISHED_CHANNEL, name=name) if conninfo else None
    wanted = names_one_of(consumer.topics)
    next_sweep = 0.0
    quiet = 0
    watch = PartitionWatch()
    while not stop.is_set():
        if listener is not None:
            try:
                listener.listen()  # before the poll: an announcement made after it is not missed
            except psycopg.Error as exc:
                log.warning("consumer cannot listen for published events (%s); polling", exc)
                listener.close()
        try:
            outcomes = consumer.poll_once(timeout_ms=SHORT_POLL_MS if listener is not None else POLL_MS)
            sweep_s = consumer.settings.waiting_room_sweep_s
            if any(outcome.status == "parked" for outcome in outcomes):
                next_sweep = min(next_sweep, time.monotonic() + sweep_s)
            if time.monotonic() >= next_sweep:
                next_sweep = time.monotonic() + sweep_pause(consumer.parked.sweep(), sweep_s)
        except Exception:
            log.exception("consumer pass failed; reconnecting")
            consumer.close()
            stop.wait(1.0)
            continue
        assigned = consumer.is_assigned()
        if (unassigned_s := watch.seen(assigned, time.monotonic())) is not None:
            log.error(
                "the consumer of %s has had no partitions for %.0f s: its group is not forming (see kafka.coordinator)",
                consumer.settings.service_name,
                unassigned_s,
            )
        quiet = 0 if len(outcomes) or not assigned else quiet + 1
        if listener is not None and quiet >= QUIET_POLLS:
            until = min(next_sweep, time.monotonic() + IDLE_POLL_S)
            listener.sleep(stop, until=until, fallback_s=SHORT_POLL_MS / 1000, wanted=wanted)
            quiet = 0
    if listener is not None:
        listener.close()
    consumer.close()
