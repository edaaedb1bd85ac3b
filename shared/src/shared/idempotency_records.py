"""The kept claims of `Idempotency-Key` (`shared.idempotency`), and the stamp every commit of a request puts on its
claim, in the same transaction as the request's own writes: whether it changed anything, and what it created."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, Engine, LargeBinary, String, event, func, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Field, SQLModel, col


@dataclass
class RunningClaim:
    """The claim of the request running in this context, with the database it lives in; mutable, so that a
    location named in a worker thread (a copy of the context) reaches the commit made in another."""

    scope: str
    database: str
    location: str | None = None


running_claim: ContextVar[RunningClaim | None] = ContextVar("running_idempotency_claim", default=None)


def created(location: str) -> None:
    """The request running here creates the resource at `location` (a path of the public API), or changes it and
    answers what it then is (a case validated or moved): call it before the commit that does so. A retry whose
    answer was lost is sent there (303). Outside a request with an Idempotency-Key, it does nothing."""
    running = running_claim.get()
    if running is not None:
        running.location = location


class IdempotencyRecord(SQLModel, table=True):
    __tablename__ = "idempotency_keys"

    scope: str = Field(primary_key=True, description="sha256 of caller, method, path and key")
    request_hash: str
    status_code: int | None = None
    headers: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSONB, nullable=False))
    body: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    committed_at: datetime | None = Field(
        default=None,
        sa_column=Column(DateTime(timezone=True), nullable=True),
        description="first commit made while the request ran: it changed something",
    )
    location: str | None = Field(
        default=None,
        sa_column=Column(String, nullable=True),
        description="the resource the request created, named in the transaction that created it",
    )


@event.listens_for(OrmSession, "before_commit")
def _stamp_running_claim(session: OrmSession) -> None:
    """In the transaction a request commits, its claim is stamped: the stamp and the writes stand or fall
    together."""
    running = running_claim.get()
    bind = session.bind
    if running is None or not isinstance(bind, Engine) or bind.url.render_as_string() != running.database:
        return  # not in a request, or a session on another database (which has no claim to stamp)
    if running.location is None:
        session.execute(
            update(IdempotencyRecord)
            .where(col(IdempotencyRecord.scope) == running.scope, col(IdempotencyRecord.committed_at).is_(None))
            .values(committed_at=datetime.now(UTC))
        )
        return
    session.execute(
        update(IdempotencyRecord)
        .where(col(IdempotencyRecord.scope) == running.scope)
        .values(
            committed_at=func.coalesce(col(IdempotencyRecord.committed_at), datetime.now(UTC)),
            location=running.location,
        )
    )
