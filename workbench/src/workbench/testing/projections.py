"""A consumer's projection as plain rows, compared run after run by the convergence harness."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import inspect, text
from sqlmodel import Session

KERNEL_TABLES = frozenset({"alembic_version", "inbox", "outbox", "parked_events", "audit_log", "idempotency_keys"})


def table_rows(session: Session, table: str, *, ignore: Sequence[str] = ()) -> list[tuple[Any, ...]]:
    """Every row of `table` as sorted tuples, without the `ignore` columns (random ids, run-dependent counters)."""
    result = session.execute(text(f'SELECT * FROM "{table}"'))  # its columns: no catalog look-up each run
    kept = [index for index, name in enumerate(result.keys()) if name not in ignore]
    rows = [tuple(row[index] for index in kept) for row in result.all()]
    return sorted(rows, key=repr)


def projection_tables(
    session: Session, *, ignore: dict[str, Sequence[str]] | None = None, skip: Sequence[str] = ()
) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of the service but the kernel's, row by row (see `table_rows`)."""
    ignore = ignore or {}
    names = inspect(session.get_bind()).get_table_names()
    return {
        name: table_rows(session, name, ignore=ignore.get(name, ()))
        for name in sorted(names)
        if name not in KERNEL_TABLES and name not in skip
    }
