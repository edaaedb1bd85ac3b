"""A fetched batch applied in one database transaction, each event in its own savepoint (issue 17's pipeline).

One commit per event held a consumer to the disk's commit rate (about 150 a second here) whatever the broker
delivered. Here the events of a fetch share one transaction: each is claimed in the inbox, applied or parked in a
savepoint, and the commit makes them all durable at once, before their offsets are committed. Nothing else
changes: an event the fast path cannot take (an envelope that does not parse, a handler that raises) ends the
batch there; the events before it are committed, and it goes the one-at-a-time way (`EventConsumer.handle_record`:
retries with back-off, the dead-letter topic), then batching resumes after it. An applied event that parked
events await also ends its batch, so they are released before the next event is looked at, as one at a time."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Protocol

from kafka.consumer.fetcher import ConsumerRecord
from pydantic import ValidationError
from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlmodel import Session

from shared.clock import Clock
from shared.consumer_apply import apply_or_park, park_record
from shared.consumer_outcomes import EventRefused, Outcome, StoreUnavailable, is_conflict, record_headers
from shared.consumer_runs import RunHandler, run_at
from shared.events.base import Event
from shared.events.envelope import CloudEvent
from shared.inbox import claim
from shared.logs import REQUEST_ID_HEADER, request_id_var
from shared.waiting_room import BatchRoom, PrerequisiteMissing, empty_room, is_awaited

log = logging.getLogger(__name__)

_FAILED, _ALONE = "failed", "alone"
MAX_TOGETHER = 200
"""Events a transaction at most: a fetch's most (`shared.kafka`'s `max_poll_records`). The row locks a batch takes
are held until its commit, and an API request that writes one of its cases waits for it: 200 validations take
scoring about 150 ms now (a second when this was set to 50). With 50, each of the pipeline's consumers paid a
commit and a dozen round trips every 50 events: 1,020-1,070 cases a second sustained, 1,250-1,290 with 200
(docs/benchmarks.md, the event pipeline)."""


class EventConsumer(Protocol):
    """What of `shared.consumer.EventConsumer` a batch uses."""

    engine: Engine
    clock: Clock
    handlers: dict[str, tuple[type[Event], Any]]
    run_handlers: dict[str, RunHandler]

    def after_db_commit(self, record: ConsumerRecord) -> None: ...

    def release(self, awaited: set[str] | None = None) -> int: ...

    def handle_record(self, record: ConsumerRecord, *, failed_once: bool = False) -> Outcome: ...


@dataclass(frozen=True)
class _Taken:
    record: ConsumerRecord
    outcome: Outcome
    event_type: str | None
    awaited: str | None
    request_id: str | None = None


def handle_records(consumer: EventConsumer, records: list[ConsumerRecord]) -> list[Outcome]:
    """Every record's outcome, in order: runs of records applied together, and the ones they cannot take alone."""
    outcomes: list[Outcome] = []
    while len(outcomes) < len(records):
        taken, failed = apply_together(consumer, records[len(outcomes) :])
        outcomes += taken
        if len(outcomes) < len(records) and (failed or not taken):
            outcomes.append(consumer.handle_record(records[len(outcomes)], failed_once=failed))
    return outcomes


def apply_together(consumer: EventConsumer, records: list[ConsumerRecord]) -> tuple[list[Outcome], bool]:
    """Apply the longest run of `records` the fast path can take, in one transaction: their outcomes, and whether the
    handler of the record after them failed (a first attempt, for its retries)."""
    taken: list[_Taken] = []
    failed = False
    try:
        with Session(consumer.engine, expire_on_commit=False) as session, session.begin():
            room = empty_room(session)
            runs = room is not None and bool(consumer.run_handlers)
            while len(taken) < min(len(records), MAX_TOGETHER):
                if runs and room is not None:
                    run = _run(consumer, session, records[len(taken) :], room, limit=MAX_TOGETHER - len(taken))
                    runs = run is not None  # a run that failed: its events one by one, and no other run this batch
                    if run:
                        taken += run
                        if any(done.awaited is not None for done in run):
                            break
                        continue
                done = _take(consumer, session, records[len(taken)], room)
                if not isinstance(done, _Taken):
                    failed = done == _FAILED
                    break
                taken.append(done)
                if done.awaited is not None:
                    break
    except (OperationalError, InterfaceError, PoolTimeout) as exc:
        if not is_conflict(exc):
            raise StoreUnavailable(f"the database is unreachable: {exc}") from exc
        # A conflict at the commit (a deferred check met another transaction's lock): the database is up. Nothing
        # of the batch stands; its first event goes the one-at-a-time way (retried with its back-off), and
        # batching resumes after it.
        log.warning("a batch of %s events conflicted at its commit; applying them one at a time", len(taken))
        return [], False
    except Exception:
        # The commit itself failed (a deferred check, say): nothing of the batch stands; one at a time says why.
        log.warning("a batch of %s events failed at its commit; applying them one at a time", len(taken), exc_info=True)
        return [], False
    for done in taken:
        token = request_id_var.set(done.request_id)
        try:
            consumer.after_db_commit(done.record)
            if done.event_type is not None:
                extra = {"event_id": done.outcome.event_id, "event_type": done.event_type}
                log.info("event %s", done.outcome.status, extra=extra)
        finally:
            request_id_var.reset(token)
    if awaited := {done.awaited for done in taken if done.awaited is not None}:
        consumer.release(awaited)
    return [done.outcome for done in taken], failed


def _run(
    consumer: EventConsumer, session: Session, records: list[ConsumerRecord], room: BatchRoom, *, limit: int
) -> list[_Taken] | None:
    """The run at the head of `records` applied together (`shared.consumer_runs`), as the batch's `_Taken`s; empty
    when there is none, None when it failed."""
    taken = run_at(
        session,
        records,
        handlers=consumer.handlers,
        run_handlers=consumer.run_handlers,
        room=room,
        clock=consumer.clock,
        limit=limit,
    )
    if taken is None:
        return None
    return [
        _Taken(
            done.record, done.outcome, done.event_type, done.awaited, record_headers(done.record).get(REQUEST_ID_HEADER)
        )
        for done in taken
    ]


def _take(consumer: EventConsumer, session: Session, record: ConsumerRecord, room: BatchRoom | None) -> _Taken | str:
    """The record applied (or parked, or found a duplicate) in a savepoint of `session`; else why it must go alone:
    `_FAILED` (its handler raised: a first attempt) or `_ALONE` (its envelope or a refusal: that path says why)."""
    try:
        envelope = CloudEvent.from_bytes(record.value)
    except Exception:
        return _ALONE
    known = consumer.handlers.get(envelope.type)
    if known is None:
        return _Taken(record, Outcome("ignored", envelope.id), None, None)
    event_cls, handler = known
    request_id = record_headers(record).get(REQUEST_ID_HEADER)
    token = request_id_var.set(request_id)
    try:
        try:
            status, awaited = _claim_and_apply(consumer, session, record, envelope, event_cls, handler, room)
        except PrerequisiteMissing as missing:
            status, awaited = _claim_and_park(consumer, session, record, envelope, missing, room), None
    except (ValidationError, EventRefused):
        return _ALONE  # refused again there, at once, with its reason
    except Exception:
        log.debug("event %s failed in its batch", envelope.id, exc_info=True)
        return _FAILED
    finally:
        request_id_var.reset(token)
    return _Taken(record, Outcome(status, envelope.id), envelope.type, awaited, request_id)


def _claim_and_apply(
    consumer: EventConsumer,
    session: Session,
    record: ConsumerRecord,
    envelope: CloudEvent,
    event_cls: type[Event],
    handler: Any,
    room: BatchRoom | None,
) -> tuple[str, str | None]:
    """The inbox claim and the handler's writes in one savepoint (`PrerequisiteMissing` rolls back both, and goes on
    to `_claim_and_park`); the status, and the event's subject when parked events await it."""
    with session.begin_nested():
        if not claim(
            session, event_id=envelope.id, event_type=envelope.type, topic=record.topic, at=consumer.clock.now()
        ):
            return "duplicate", None
        status = apply_or_park(
            session, record, envelope, event_cls, handler, clock=consumer.clock, room=room, own_savepoint=False
        )
        subject = envelope.subject
        if status != "applied" or subject is None:
            return status, None
        return status, subject if (room.awaits(subject) if room else is_awaited(session, subject)) else None


def _claim_and_park(
    consumer: EventConsumer,
    session: Session,
    record: ConsumerRecord,
    envelope: CloudEvent,
    missing: PrerequisiteMissing,
    room: BatchRoom | None,
) -> str:
    with session.begin_nested():
        at = consumer.clock.now()
        if not claim(session, event_id=envelope.id, event_type=envelope.type, topic=record.topic, at=at):
            return "duplicate"  # claimed meanwhile by another consumer of the partition (a rebalance)
        park_record(session, record, envelope, awaiting=missing.awaiting, reason=missing.reason, at=at, room=room)
        return "parked"
