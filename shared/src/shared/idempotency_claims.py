"""Who holds an `Idempotency-Key` while its first request runs (`shared.idempotency`).

The claim is a row (`IdempotencyRecord`) and a session-level advisory lock on the key, taken before the row is
written, on a connection the middleware keeps until the request is answered. PostgreSQL drops the lock with its
connection: when a process is killed in the middle of a request, its claim is free at once, and a retry that finds
the row with neither an answer nor a commit stamp knows that nobody runs it any more and takes it over. A twin sent
while the first request is alive finds the lock held and is told that the first is still in progress.

Before, an orphaned claim was taken over only once older than any request runs (five minutes): every retry in
between was told "still in progress" (issue 18's proof: the opening of a run with kills took 321 s against 23 s).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, delete, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col

from shared.idempotency_records import IdempotencyRecord


class Holding:
    """The claim of a request being run: the connection that holds the key's lock, until `end`."""

    def __init__(self, connection: Connection, key: int) -> None:
        self.connection = connection
        self.key = key

    def end(self) -> None:
        """Gives the key's lock back (after the answer is kept or the claim released: a retry then sees either)."""
        try:  # a session's lock: the rollback the pool gives the connection back with does not undo the unlock
            self.connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self.key})
        except Exception:  # the lock went with a broken connection, or must not go back to the pool held
            self.connection.invalidate()
        finally:
            self.connection.close()


def lock_key(record_scope: str) -> int:
    """The advisory lock's key of a claim: 64 bits of its scope (itself a SHA-256), signed as PostgreSQL's bigint."""
    return int.from_bytes(hashlib.sha256(record_scope.encode()).digest()[:8], "big", signed=True)


def claim(engine: Engine, record_scope: str) -> Holding | IdempotencyRecord:
    """Claims the key for a request about to run (`Holding`), or returns the claim of the request that has it: one
    answered, one carried out whose answer was lost, or one still running (in progress)."""
    key = lock_key(record_scope)
    connection = engine.connect()
    try:
        held = connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar()
        if not held:  # its first request is being run, by this process or another one alive
            connection.close()
            return _claim_of(engine, record_scope) or _in_progress(record_scope)
        holding = Holding(connection, key)
        # Nobody runs the key: a claim of it with neither answer nor commit stamp is the orphan of a killed process.
        connection.execute(
            delete(IdempotencyRecord).where(
                col(IdempotencyRecord.scope) == record_scope,
                col(IdempotencyRecord.status_code).is_(None),
                col(IdempotencyRecord.committed_at).is_(None),
            )
        )
        claimed = connection.execute(
            insert(IdempotencyRecord)
            .values(scope=record_scope, request_hash="", headers={}, created_at=datetime.now(UTC))
            .on_conflict_do_nothing(index_elements=["scope"])
            .returning(col(IdempotencyRecord.scope))
        ).first()
        connection.commit()
    except BaseException:
        connection.invalidate()
        connection.close()
        raise
    if claimed is not None:
        return holding
    holding.end()
    return _claim_of(engine, record_scope) or _in_progress(record_scope)


def _claim_of(engine: Engine, record_scope: str) -> IdempotencyRecord | None:
    with engine.connect() as connection:
        row = connection.execute(select(IdempotencyRecord).where(col(IdempotencyRecord.scope) == record_scope)).first()
    return IdempotencyRecord.model_validate(row._mapping) if row is not None else None


def _in_progress(record_scope: str) -> IdempotencyRecord:
    """The claim of a first request that holds the key but has not written its row yet."""
    return IdempotencyRecord(scope=record_scope, request_hash="", created_at=datetime.now(UTC))
