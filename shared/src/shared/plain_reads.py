"""A plain statement on the session's own psycopg connection, its rows as tuples (a select's, or what an insert
returns).

For the reads of many small rows where SQLAlchemy's row objects are the cost, not PostgreSQL: walking a million due
steps (`dunning.steps.due`) took twice as long through an ORM select as through the driver's cursor, and a third
longer through a Core one. The statement is plain SQL with psycopg's named parameters (`%(name)s`); it runs in the
session's transaction, and a database error comes out as SQLAlchemy's, as any other statement's would."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import psycopg
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session


def plain_rows(session: Session, sql: str, params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    return _plain(session, sql, params, rows=True)[1]


def plain_execute(session: Session, sql: str, params: Mapping[str, Any]) -> int:
    """`plain_rows` for a statement that returns no rows (a write that returns nothing): how many rows it touched."""
    return _plain(session, sql, params, rows=False)[0]


def _plain(session: Session, sql: str, params: Mapping[str, Any], *, rows: bool) -> tuple[int, list[tuple[Any, ...]]]:
    connection = session.connection()  # begins the transaction when none is open yet
    driver = connection.connection.driver_connection
    assert isinstance(driver, psycopg.Connection), "plain reads need PostgreSQL through psycopg"
    try:
        with driver.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount, cursor.fetchall() if rows else []
    except psycopg.Error as exc:
        raise DBAPIError.instance(sql, params, exc, psycopg.Error) from exc
