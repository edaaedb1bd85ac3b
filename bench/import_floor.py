"""What PostgreSQL alone takes to store what an import job stored: the job's cases, invoices and events are copied
out as text, deleted, and written back with `COPY` into the real tables (their indexes, foreign keys, constraints
and write-ahead log) in one transaction. No Python builds or checks anything: it is the floor under the job's time
for the schema as it is, next to the bare `COPY` into scratch tables the import's ratio is measured against."""

from __future__ import annotations

import time
import uuid

import psycopg
from psycopg import sql

# The job's rows, by table, in the order their foreign keys need; the outbox rows are the events keyed by its cases.
_ROWS = {
    "cases": "import_id = {job}",
    "invoices": "case_id IN (SELECT id FROM cases WHERE import_id = {job})",
    "outbox": "key IN (SELECT id::text FROM cases WHERE import_id = {job})",
}
_GENERATED = {"outbox": {"seq"}}  # identity columns PostgreSQL numbers itself
_BLOCK = 1 << 20


def storing_seconds(conninfo: str, import_id: uuid.UUID) -> tuple[float, dict[str, float]]:
    """Seconds to store the import's rows again, in all and by table. The rows are the same afterwards (their
    events take new sequence numbers)."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        dumps = {table: _dump(conn, table, import_id) for table in _ROWS}
        for table in reversed(_ROWS):
            conn.execute(sql.SQL("DELETE FROM {} WHERE ").format(sql.Identifier(table)) + _where(table, import_id))
        for table in _ROWS:
            conn.execute(sql.SQL("VACUUM ANALYZE {}").format(sql.Identifier(table)))
    by_table: dict[str, float] = {}
    with psycopg.connect(conninfo) as conn:
        started = time.perf_counter()
        for table, (columns, data) in dumps.items():
            began = time.perf_counter()
            statement = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table), columns)
            with conn.cursor() as cursor, cursor.copy(statement) as copy:
                for at in range(0, len(data), _BLOCK):
                    copy.write(data[at : at + _BLOCK])
            by_table[table] = time.perf_counter() - began
        conn.commit()
        return time.perf_counter() - started, by_table


def _where(table: str, import_id: uuid.UUID) -> sql.Composed:
    return sql.SQL(_ROWS[table]).format(job=sql.Literal(import_id))


def _dump(conn: psycopg.Connection, table: str, import_id: uuid.UUID) -> tuple[sql.Composed, bytes]:
    names = [
        name
        for (name,) in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = %s "
            "ORDER BY ordinal_position",
            (table,),
        )
        if name not in _GENERATED.get(table, set())
    ]
    columns = sql.SQL(", ").join(map(sql.Identifier, names))
    query = sql.SQL("COPY (SELECT {} FROM {} WHERE ").format(columns, sql.Identifier(table)) + _where(table, import_id)
    data = bytearray()
    with conn.cursor() as cursor, cursor.copy(query + sql.SQL(") TO STDOUT")) as copy:
        for block in copy:
            data += block
    return columns, bytes(data)
