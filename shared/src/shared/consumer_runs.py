"""A run of events of one type applied together by a set-based handler (issue 17's pipeline).

A batch (`shared.consumer_batch`) spares each event its commit, but a handler applying one event still reads and
writes row by row: a projection's handler made some twenty statements an event. A service may give a type a run
handler besides its handler: it receives consecutive events of that type, all of one fetch, and applies them with a
few statements whatever their number. It must leave the database as the handler applying them one after the other
would (the service tests that equivalence); it may decline part of a run by handing those events back to the
handler itself, in their order.

A run is only taken where nothing can queue: the waiting room was empty when the batch began and the batch parked
nothing on the run's keys. Its events are claimed in the inbox with one statement, and applied in one savepoint.
Anything the run handler raises (a prerequisite missing included) rolls the savepoint back, and the batch takes
those events one by one, as it would have without the run handler, and takes no other run: nothing is lost, only
the speed."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from kafka.consumer.fetcher import ConsumerRecord
from sqlmodel import Session

from shared.clock import Clock
from shared.consumer_outcomes import Outcome, record_headers
from shared.events.base import Event
from shared.events.envelope import CloudEvent
from shared.inbox import claim_many
from shared.logs import REQUEST_ID_HEADER
from shared.waiting_room import BatchRoom

log = logging.getLogger("shared.consumer")


@dataclass(frozen=True)
class RunEvent:
    """One event of a run, with the id of the request it came from: what the handler records on its account is
    staged under that id (`shared.logs.request_id_var`), as the handler applying it alone would stage it."""

    event: Any
    envelope: CloudEvent
    request_id: str | None


class RunHandler(Protocol):
    def __call__(self, *, session: Session, events: Sequence[RunEvent], clock: Clock) -> None: ...


RunHandlers = dict[type[Event], RunHandler]


@dataclass(frozen=True)
class RunTaken:
    """One record of a run applied together: its outcome, and whether parked events await its subject."""

    record: ConsumerRecord
    outcome: Outcome
    event_type: str
    awaited: str | None


def run_at(
    session: Session,
    records: Sequence[ConsumerRecord],
    *,
    handlers: dict[str, tuple[type[Event], Any]],
    run_handlers: dict[str, RunHandler],
    room: BatchRoom,
    clock: Clock,
    limit: int,
) -> list[RunTaken] | None:
    """The records at the head of `records` that form a run (at most `limit`; one is a run too: the run handler's
    few statements cost less than the handler's many), applied together in a savepoint of `session`; empty when
    they form none; None when the run handler raised (rolled back)."""
    run = _gather(records, handlers=handlers, run_handlers=run_handlers, room=room, limit=limit)
    if not run:
        return []
    run_handler = run_handlers[run[0][1].type]
    topic, at = run[0][0].topic, clock.now()
    first_seen: dict[str, int] = {}
    for i, (_, envelope, _) in enumerate(run):
        first_seen.setdefault(envelope.id, i)
    try:
        with session.begin_nested():
            claimed = claim_many(
                session,
                [
                    (envelope.id, envelope.type)
                    for i, (_, envelope, _) in enumerate(run)
                    if first_seen[envelope.id] == i
                ],
                topic=topic,
                at=at,
            )
            applied = [
                RunEvent(event, envelope, record_headers(record).get(REQUEST_ID_HEADER))
                for i, (record, envelope, event) in enumerate(run)
                if envelope.id in claimed and first_seen[envelope.id] == i
            ]
            if applied:
                run_handler(session=session, events=applied, clock=clock)
    except Exception:
        log.warning("a run of %s %s events failed; applying them one by one", len(run), run[0][1].type, exc_info=True)
        return None
    applied_ids = {applied_event.envelope.id for applied_event in applied}
    taken = []
    for i, (record, envelope, _) in enumerate(run):
        fresh = envelope.id in applied_ids and first_seen[envelope.id] == i
        subject = envelope.subject
        awaited = subject if fresh and subject is not None and room.awaits(subject) else None
        taken.append(
            RunTaken(record, Outcome("applied" if fresh else "duplicate", envelope.id), envelope.type, awaited)
        )
    return taken


def _gather(
    records: Sequence[ConsumerRecord],
    *,
    handlers: dict[str, tuple[type[Event], Any]],
    run_handlers: dict[str, RunHandler],
    room: BatchRoom,
    limit: int,
) -> list[tuple[ConsumerRecord, CloudEvent, Event]]:
    """The longest head of `records` of one type with a run handler, on one topic, none of whose keys has a chain
    in the waiting room, each envelope and event valid (a record that is not goes its own way, and ends the run)."""
    run: list[tuple[ConsumerRecord, CloudEvent, Event]] = []
    for record in records[:limit]:
        if run and record.topic != run[0][0].topic:
            break
        if room.head(record.topic, record.key) is not None:
            break
        try:
            envelope = CloudEvent.from_bytes(record.value)
        except Exception:
            break
        if envelope.type not in run_handlers or (run and envelope.type != run[0][1].type):
            break
        try:
            event = handlers[envelope.type][0].model_validate(envelope.data)
        except Exception:
            break
        run.append((record, envelope, event))
    return run
