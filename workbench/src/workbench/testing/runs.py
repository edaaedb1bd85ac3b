"""A run of events applied both ways, for the tests that a run handler leaves what its handler leaves
(`shared.consumer_runs`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from sqlalchemy import Engine
from sqlmodel import Session

from shared.clock import Clock
from shared.consumer import Handler
from shared.consumer_runs import RunEvent, RunHandler
from shared.logs import request_id_var

T = TypeVar("T")


def both_ways(
    engine: Engine,
    items: Sequence[RunEvent],
    *,
    handler: Handler,
    run_handler: RunHandler,
    clock: Clock,
    read: Callable[[Session], T],
) -> tuple[T, T]:
    """What `read` finds after `handler` applied `items` one after the other (each under its request id, as the
    consumer applies it), and after `run_handler` applied them as one run; each in a transaction rolled back, so
    that both start from the same database."""
    with Session(engine, expire_on_commit=False) as session:
        with session.begin():
            for item in items:
                token = request_id_var.set(item.request_id)
                try:
                    handler(session=session, event=item.event, envelope=item.envelope, clock=clock)
                finally:
                    request_id_var.reset(token)
            session.flush()
            one_by_one = read(session)
            session.rollback()
        session.expunge_all()
        with session.begin():
            run_handler(session=session, events=items, clock=clock)
            session.flush()
            together = read(session)
            session.rollback()
    return one_by_one, together
