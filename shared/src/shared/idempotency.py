"""`Idempotency-Key` on every POST: a retried request gets the first response back and creates nothing twice.

The key is scoped to the caller (a hash of its Authorization header) and to the method and path. The
first request claims the key in the database before it runs; a concurrent twin is told the first one is
still in progress (409); a retry with the same key but another body is refused (422). Responses of 5xx
are not kept, so a request that failed on our side can be retried.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, Engine, LargeBinary, delete
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlmodel import Field, Session, SQLModel
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

HEADER = "Idempotency-Key"


class IdempotencyRecord(SQLModel, table=True):
    __tablename__ = "idempotency_keys"

    scope: str = Field(primary_key=True, description="sha256 of caller, method, path and key")
    request_hash: str
    status_code: int | None = None
    headers: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSONB, nullable=False))
    body: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


def _digest(*parts: bytes) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(hashlib.sha256(part).digest())
    return hasher.hexdigest()


async def idempotent(request: Request, call_next: Callable[[Request], Awaitable[Response]], engine: Engine) -> Response:
    key = request.headers.get(HEADER)
    if request.method != "POST" or not key:
        return await call_next(request)
    if len(key) > 200:
        return JSONResponse({"detail": f"the {HEADER} header must be at most 200 characters"}, status_code=422)
    body = await request.body()
    scope = _digest(request.headers.get("authorization", "").encode(), request.url.path.encode(), key.encode())
    request_hash = _digest(body, request.headers.get("content-type", "").encode())
    with Session(engine) as session:
        claimed = session.execute(
            insert(IdempotencyRecord)
            .values(scope=scope, request_hash=request_hash, headers={}, created_at=datetime.now(UTC))
            .on_conflict_do_nothing(index_elements=["scope"])
            .returning(IdempotencyRecord.scope)  # type: ignore[arg-type]
        ).first()
        session.commit()
        if claimed is None:
            record = session.get(IdempotencyRecord, scope)
            assert record is not None
            if record.request_hash != request_hash:
                return JSONResponse({"detail": f"this {HEADER} was already used for a different request; use a new key"},
                                    status_code=422)
            if record.status_code is None:
                return JSONResponse({"detail": "the first request with this Idempotency-Key is still being processed"},
                                    status_code=409)
            replay = Response(record.body or b"", status_code=record.status_code, headers=record.headers)
            replay.headers["Idempotent-Replayed"] = "true"
            return replay
    try:
        response = await call_next(request)
    except BaseException:
        _release(engine, scope)  # a request that crashed on our side may be retried with the same key
        raise
    chunks = [chunk async for chunk in response.body_iterator]  # type: ignore[attr-defined]
    content = b"".join(c if isinstance(c, bytes) else c.encode() for c in chunks)
    kept_headers = {k: v for k, v in response.headers.items() if k.lower() in {"content-type", "location"}}
    with Session(engine) as session:
        if response.status_code >= 500:
            session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.scope == scope))  # type: ignore[arg-type]
        else:
            record = session.get(IdempotencyRecord, scope)
            if record is not None:
                record.status_code, record.headers, record.body = response.status_code, kept_headers, content
        session.commit()
    return Response(content, status_code=response.status_code, headers=dict(response.headers),
                    media_type=response.media_type)


def _release(engine: Engine, scope: str) -> None:
    with Session(engine) as session:
        session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.scope == scope))  # type: ignore[arg-type]
        session.commit()
