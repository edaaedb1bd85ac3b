"""The convergence harness: a consumer's projection must end the same whatever order the broker delivers in.

Every consumer of every service goes through it. A recorded flow (the real envelopes a service's outbox wrote)
is delivered to the consumer's real code path (`shared.consumer_batch.handle_records`, inbox, waiting room and all) in
many random interleavings that keep each partition's order, as the broker would: partitions of different topics, and
different keys of one topic, interleave freely, in fetches of 1 to `MAX_FETCH` records applied together. Each run adds
duplicate deliveries and one crash in the middle (a handler dies before its fetch's transaction commits, then a new
consumer takes over and a few records of each partition are delivered again, as after a lost offset commit). After
each run, the consumer's timer pass runs once (as its loop does every few seconds); then nothing may be parked or
dead-lettered, and the projection must equal the first run's.
"""

from __future__ import annotations

import contextlib
import json
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from kafka.consumer.fetcher import ConsumerRecord
from sqlalchemy import Engine, create_engine, inspect, text
from sqlmodel import Session

from shared.clock import Clock
from shared.config import BaseServiceSettings
from shared.consumer import EventConsumer, Handler, Handlers
from shared.consumer_batch import handle_records
from shared.waiting_room import count_parked
from workbench.testing.recordings import Recorded, interleave

BASELINE_SCHEMA = "convergence_baseline"
MAX_FETCH = 8


class SimulatedCrash(BaseException):
    """The process dying in the middle of a handler: not an Exception, so no retry loop catches it."""


class _DeadLetters:
    """Stands in for the producer a consumer sends dead letters with: the harness fails on any."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, bytes]] = []

    def send(self, topic: str, *, key: bytes | None, value: bytes, headers: list[tuple[str, bytes]]) -> Any:
        self.sent.append((topic, value))
        return self

    def get(self, timeout: float) -> None:
        return None

    def close(self) -> None:
        return None


@dataclass
class Convergence:
    """`Convergence(engine=..., settings=..., handlers=..., clock=..., snapshot=...).check(events, runs=200)`.

    `snapshot(session)` returns the projection to compare (sorted, without values that differ by nature between
    runs, such as random ids); the database's content when the harness starts is restored before each run."""

    engine: Engine
    settings: BaseServiceSettings
    handlers: Handlers
    clock: Clock
    snapshot: Callable[[Session], Any]
    seed: int = 20261202
    _armed: list[bool] = field(default_factory=lambda: [False])

    def check(self, events: Sequence[Recorded], *, runs: int = 200) -> Any:
        assert events, "a convergence check needs a recorded flow"
        self._save_baseline()
        # The consumers' engine: one connection, no liveness ping (a round trip) before each of thousands of records.
        delivery = create_engine(self.engine.url, pool_size=1, max_overflow=0, pool_pre_ping=False)
        rng = random.Random(self.seed)
        reference: Any = None
        for run in range(runs):
            self._restore_baseline()
            order = interleave(events, rng)
            dead = self._deliver(order, rng, delivery)
            with Session(self.engine) as session:
                parked = count_parked(session)
                projection = self.snapshot(session)
            context = f"run {run} (seed {self.seed}): " + " → ".join(_label(e) for e in order)
            assert not dead, f"{len(dead)} events went to the dead-letter topic in {context}"
            assert parked == 0, f"{parked} events are still parked after {context}"
            if reference is None:
                reference = projection
            elif projection != reference:
                raise AssertionError(
                    f"the projection differs from run 0 after {context}:\n"
                    + "\n".join(_differences(reference, projection))
                )
        delivery.dispose()
        return reference

    def _deliver(self, order: list[Recorded], rng: random.Random, engine: Engine) -> list[tuple[str, bytes]]:
        dead = _DeadLetters()
        crash_at = rng.randrange(len(order))
        consumer = self._consumer(dead, engine)
        delivered: list[tuple[Recorded, int]] = []
        offsets: dict[tuple[str, int], int] = {}
        start = 0
        while start < len(order):
            fetch: list[tuple[Recorded, int]] = []  # what one poll hands over: a run of 1 to MAX_FETCH records
            for event in order[start : start + rng.randint(1, MAX_FETCH)]:
                stream = (event.topic, event.partition)
                offsets[stream] = offsets.get(stream, -1) + 1
                fetch.append((event, offsets[stream]))
            if start <= crash_at < start + len(fetch):
                self._armed[0] = True
                with contextlib.suppress(SimulatedCrash):
                    self._handle(consumer, fetch)
                self._armed[0] = False
                consumer = self._consumer(dead, engine)
                # the new consumer starts from the committed offsets: the last records of each partition come again
                self._handle(consumer, list(_tails(delivered, rng)))
            self._handle(consumer, fetch)
            delivered += fetch
            start += len(fetch)
            if rng.random() < 0.15:
                self._handle(consumer, [rng.choice(delivered)])
        consumer.release()
        return dead.sent

    def _handle(self, consumer: EventConsumer, fetch: list[tuple[Recorded, int]]) -> None:
        handle_records(consumer, [self._record(event, offset) for event, offset in fetch])

    def _consumer(self, dead: _DeadLetters, engine: Engine) -> EventConsumer:
        return EventConsumer(
            engine=engine,
            settings=self.settings,
            clock=self.clock,
            handlers={cls: self._crashable(fn) for cls, fn in self.handlers.items()},
            producer_factory=lambda: dead,  # a recorder of dead letters stands in for the producer
            consumer_factory=lambda: None,
        )  # records are handed in: it never polls

    def _crashable(self, handler: Handler) -> Handler:
        def run(**kwargs: Any) -> None:
            handler(**kwargs)
            if self._armed[0]:
                raise SimulatedCrash

        return run

    def _record(self, event: Recorded, offset: int) -> ConsumerRecord:
        return ConsumerRecord(
            topic=self.settings.kafka_topic_prefix + event.topic,
            partition=event.partition,
            leader_epoch=-1,
            offset=offset,
            timestamp=0,
            timestamp_type=0,
            key=event.key.encode() if event.key else None,
            value=event.value,
            headers=[],
            checksum=None,
            serialized_key_size=-1,
            serialized_value_size=-1,
            serialized_header_size=-1,
        )

    def _tables(self) -> list[str]:
        return sorted(name for name in inspect(self.engine).get_table_names() if name != "alembic_version")

    def _save_baseline(self) -> None:
        """Copy every table aside, and mark (with a statement trigger) the tables a run writes to, so that each run
        restores those only."""
        with self.engine.begin() as connection:
            # a throw-away test database: commits need not wait for the disk (thousands of them per check)
            connection.execute(
                text(
                    "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET synchronous_commit = off', "
                    "current_database()); END $$"
                )
            )
        self.engine.dispose()
        with self.engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {BASELINE_SCHEMA} CASCADE"))
            connection.execute(text(f"CREATE SCHEMA {BASELINE_SCHEMA}"))
            connection.execute(text(f"CREATE TABLE {BASELINE_SCHEMA}.touched (name text PRIMARY KEY)"))
            connection.execute(
                text(
                    f"CREATE FUNCTION {BASELINE_SCHEMA}.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    f"INSERT INTO {BASELINE_SCHEMA}.touched VALUES (TG_TABLE_NAME) ON CONFLICT DO NOTHING; "
                    f"RETURN NULL; "
                    f"END $$"
                )
            )
            for table in self._tables():
                connection.execute(text(f'CREATE TABLE {BASELINE_SCHEMA}."{table}" AS TABLE public."{table}"'))
                connection.execute(
                    text(
                        f"CREATE TRIGGER convergence_touch AFTER INSERT OR UPDATE OR DELETE OR "
                        f'TRUNCATE ON public."{table}" FOR EACH STATEMENT '
                        f"EXECUTE FUNCTION {BASELINE_SCHEMA}.touch()"
                    )
                )

    def _restore_baseline(self) -> None:
        with self.engine.begin() as connection:
            # replica mode: no foreign-key order to respect, and the restore does not mark tables as touched
            connection.execute(text("SET LOCAL session_replication_role = replica"))
            touched = connection.execute(text(f"DELETE FROM {BASELINE_SCHEMA}.touched RETURNING name")).scalars()
            for table in sorted(touched):
                connection.execute(text(f'DELETE FROM public."{table}"'))
                connection.execute(
                    text(
                        f'INSERT INTO public."{table}" OVERRIDING SYSTEM VALUE '
                        f'SELECT * FROM {BASELINE_SCHEMA}."{table}"'
                    )
                )


def _tails(delivered: list[tuple[Recorded, int]], rng: random.Random) -> Iterator[tuple[Recorded, int]]:
    by_stream: dict[tuple[str, int], list[tuple[Recorded, int]]] = {}
    for event, offset in delivered:
        by_stream.setdefault((event.topic, event.partition), []).append((event, offset))
    for stream in by_stream.values():
        yield from stream[len(stream) - rng.randint(0, min(3, len(stream))) :]


def _label(event: Recorded) -> str:
    envelope = json.loads(event.value)
    return f"{envelope['type'].split('.', 2)[2]}[{(event.key or '')[:8]}]"


def _differences(reference: Any, projection: Any) -> Iterator[str]:
    if isinstance(reference, dict) and isinstance(projection, dict):
        for name in sorted(set(reference) | set(projection)):
            if reference.get(name) != projection.get(name):
                yield f"  {name}:\n    first run: {reference.get(name)}\n    this run:  {projection.get(name)}"
    else:
        yield f"  first run: {reference}\n  this run:  {projection}"
