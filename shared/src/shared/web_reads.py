"""A read answered in one trip to a worker thread (issue 17).

A plain `def` route taking `SessionDep` costs FastAPI three trips between the event loop and its thread pool: the
route, the validation of what it returns, and giving the session's connection back. Each trip is a handful of
queue and lock operations under the GIL, a sixth of the CPU of a case read. `answer_read` makes it one: it opens
the session, reads, turns the answer into JSON and gives the connection back, all in one thread, and hands FastAPI
a finished response. The route still declares its model (`response_model=`) for the OpenAPI document; what it
answers is that model's JSON, as FastAPI would have written it (by alias, fields left unset included)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import TypeAdapter
from sqlmodel import Session

from shared.runtime import Runtime

T = TypeVar("T")


async def answer_read(
    runtime: Runtime, read: Callable[[Session], T], model: type[T], *, status_code: int = 200
) -> Response:
    """`read` run in a session of the service's API engine; its answer as `model`'s JSON."""
    body = await run_in_threadpool(_read_json, runtime, read, model)
    return Response(body, status_code=status_code, media_type="application/json")


def _read_json(runtime: Runtime, read: Callable[[Session], T], model: type[T]) -> bytes:
    with Session(runtime.engine, expire_on_commit=False) as session:
        answer = read(session)
    adapter = _ADAPTERS.get(model) or _ADAPTERS.setdefault(model, TypeAdapter(model))
    return adapter.dump_json(answer, by_alias=True)


_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}
