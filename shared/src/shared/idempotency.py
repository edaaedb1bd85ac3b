"""`Idempotency-Key` on every POST: a retried request gets the first response back and creates nothing twice.

The key is scoped to the caller (the verified token's subject) and to the path. The first request claims
the key in the database before it runs; a concurrent twin is told the first one is still in progress (409);
a retry with the same key but another body is refused (422). Only successes are kept: a request refused or
failed changed nothing, so its key is released and a retry runs again.

A process killed while it runs a request leaves its claim without an answer. Whether the request changed
anything is known all the same: every database commit made while the request runs stamps `committed_at` on
its claim, in the same transaction as the request's own writes. A retry then learns that the first request
was carried out and its answer lost (409, nothing done twice), or, with nothing committed, takes the orphaned
claim over at once and runs the request again: the claim's lock went with the killed process's connection
(`shared.idempotency_claims`).

A route that creates a resource names it (`shared.idempotency_records.created(path)`) before it commits; the
stamp carries that path too. A retry whose first answer was lost is then sent to the resource (303 See Other,
`Location`): a client learns what its request created, as if the answer had arrived (issue 18's proof: a case
opened during a kill of intake had no id for the rest of the flow).

A service may leave out of this the POSTs that are safe to repeat by construction (`create_service_app`'s
`repeatable_posts`): dunning's scheduler pass, which takes each due step once, and intake's bank statements, which
are recognised by their content. Their retry does the work again instead of being told, after a kill, that it was
done (issue 18's proof, run 18: a pass stopped half-way and its retry answered 409).
"""

from __future__ import annotations

import hashlib

import anyio
from sqlalchemy import Engine, delete
from sqlmodel import Session, col
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.auth import TokenVerifier
from shared.i18n import bilingual_answer
from shared.idempotency_claims import claim
from shared.idempotency_records import IdempotencyRecord, RunningClaim, running_claim
from shared.request_hash import BodyHasher

HEADER = "Idempotency-Key"
SMALL_BODY = 1 << 20  # read whole before the route runs; larger bodies are hashed as they stream to it
MAX_KEPT_BODY = 1 << 20  # a larger answer is not kept: its retry runs again (and is refused as a duplicate)


def _digest(*parts: bytes) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(hashlib.sha256(part).digest())
    return hasher.hexdigest()


class IdempotencyMiddleware:
    """Pure ASGI, so that the request body streams to the route while it is hashed: an upload of any size
    keeps a bounded memory. The key is scoped to the verified caller (the token's subject, so a renewed
    token keeps its keys), the path and the key itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            return await self.app(scope, receive, send)
        state = scope["app"].state
        headers = Headers(scope=scope)
        key = headers.get(HEADER)
        if not key or not state.idempotent_path(scope["path"]):
            return await self.app(scope, receive, send)
        if len(key) > 200:
            return await _answer(
                send,
                headers,
                422,
                en=f"the {HEADER} header must be at most 200 characters",
                fr=f"l'en-tête {HEADER} fait au plus 200 caractères",
            )
        runtime = state.runtime
        caller = await run_in_threadpool(_caller, runtime.verifier, headers.get("authorization", ""))
        record_scope = _digest(caller.encode(), scope["path"].encode(), key.encode())
        claimed = await run_in_threadpool(claim, runtime.engine, record_scope)
        if isinstance(claimed, IdempotencyRecord):
            return await _answer_retry(claimed, headers, receive, send)
        try:
            await _run_first(self.app, scope, receive, send, runtime.engine, record_scope, headers)
        finally:
            with anyio.CancelScope(shield=True):  # a lock left held would go back to the pool with its connection
                await run_in_threadpool(claimed.end)


def _caller(verifier: TokenVerifier, authorization: str) -> str:
    try:
        principal = verifier.verify(authorization.removeprefix("Bearer ").removeprefix("bearer ").strip())
        return f"{principal.role.value}:{principal.subject}"
    except Exception:  # the route will answer 401; the key is scoped to the raw header meanwhile
        return "unverified:" + hashlib.sha256(authorization.encode()).hexdigest()


async def _answer_retry(record: IdempotencyRecord, headers: Headers, receive: Receive, send: Send) -> None:
    if record.status_code is None and record.committed_at is not None and record.location is not None:
        return await _answer(
            send,
            headers,
            303,
            en=f"the first request with this {HEADER} was carried out, but its answer was lost when the service "
            f"restarted; what it created is at {record.location}",
            fr=f"la première requête portant cet {HEADER} a été exécutée, mais sa réponse a été perdue au "
            f"redémarrage du service ; ce qu'elle a créé se trouve à l'adresse {record.location}",
            location=record.location,
        )
    if record.status_code is None and record.committed_at is not None:
        return await _answer(
            send,
            headers,
            409,
            en=f"the first request with this {HEADER} was carried out, but its answer was lost when the service "
            "restarted; read the resource to see the result, and do not send the request again with a new key",
            fr=f"la première requête portant cet {HEADER} a été exécutée, mais sa réponse a été perdue au "
            "redémarrage du service ; consultez la ressource pour voir le résultat, sans renvoyer la requête "
            "avec une nouvelle clé",
        )
    if record.status_code is None:
        return await _answer(
            send,
            headers,
            409,
            en=f"the first request with this {HEADER} is still being processed; retry later with the same key",
            fr=f"la première requête portant cet {HEADER} est encore en cours de traitement ; réessayez plus "
            "tard avec la même clé",
            retry_after=5,
        )
    hasher = BodyHasher(headers)
    while True:  # the retry's body is read only to compare it with the first one's
        message = await receive()
        hasher.update(message.get("body", b""))
        if message["type"] != "http.request" or not message.get("more_body", False):
            break
    if hasher.hexdigest() != record.request_hash:
        return await _answer(
            send,
            headers,
            422,
            en=f"this {HEADER} was already used for a different request; use a new key",
            fr=f"cet {HEADER} a déjà servi pour une autre requête ; utilisez une nouvelle clé",
        )
    kept = [(k.encode(), v.encode()) for k, v in record.headers.items()]
    await send(
        {
            "type": "http.response.start",
            "status": record.status_code,
            "headers": [
                *kept,
                (b"idempotent-replayed", b"true"),
                (b"content-length", str(len(record.body or b"")).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": record.body or b""})


async def _run_first(
    app: ASGIApp, scope: Scope, receive: Receive, send: Send, engine: Engine, record_scope: str, headers: Headers
) -> None:
    hasher, body_read = BodyHasher(headers), [False]
    status, kept, chunks, size = [0], {}, [], [0]
    length = headers.get("content-length")
    if length is not None and length.isdigit() and int(length) <= SMALL_BODY:
        # A small body is read whole first, so it is hashed even when the route never reads it.
        parts = []
        while True:
            message = await receive()
            parts.append(message.get("body", b""))
            if message["type"] != "http.request" or not message.get("more_body", False):
                break
        body = b"".join(parts)
        hasher.update(body)
        body_read[0] = True
        replayed = [False]

        async def replaying_receive() -> Message:
            if not replayed[0]:
                replayed[0] = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        source = replaying_receive
    else:

        async def hashing_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                hasher.update(message.get("body", b""))
                body_read[0] = not message.get("more_body", False)
            return message

        source = hashing_receive

    async def capturing_send(message: Message) -> None:
        if message["type"] == "http.response.start":
            status[0] = message["status"]
            for name, value in message.get("headers", []):
                if name.lower() in (b"content-type", b"location"):
                    kept[name.decode().lower()] = value.decode()
        elif message["type"] == "http.response.body":
            size[0] += len(message.get("body", b""))
            if size[0] <= MAX_KEPT_BODY:
                chunks.append(message.get("body", b""))
        await send(message)

    running = running_claim.set(RunningClaim(record_scope, engine.url.render_as_string()))
    try:
        await app(scope, source, capturing_send)
    except BaseException:
        await run_in_threadpool(_release, engine, record_scope)  # a crashed request may be retried with its key
        raise
    finally:
        running_claim.reset(running)
    # Only a success whose whole request was read is kept: an error changed nothing and may be retried as is.
    if 200 <= status[0] < 400 and body_read[0] and size[0] <= MAX_KEPT_BODY:
        await run_in_threadpool(_keep, engine, record_scope, hasher.hexdigest(), status[0], kept, b"".join(chunks))
    else:
        await run_in_threadpool(_release, engine, record_scope)


def _keep(
    engine: Engine, record_scope: str, request_hash: str, status: int, headers: dict[str, str], body: bytes
) -> None:
    with Session(engine) as session:
        record = session.get(IdempotencyRecord, record_scope)
        if record is not None:
            record.request_hash, record.status_code, record.headers, record.body = request_hash, status, headers, body
            session.add(record)
        session.commit()


async def _answer(
    send: Send,
    request_headers: Headers,
    status: int,
    *,
    en: str,
    fr: str,
    retry_after: int | None = None,
    location: str | None = None,
) -> None:
    body, headers = bilingual_answer(request_headers.get("accept-language"), en=en, fr=fr)
    if retry_after is not None:
        headers = {**headers, "Retry-After": str(retry_after)}
    if location is not None:
        headers = {**headers, "Location": location}
    await JSONResponse(body, status_code=status, headers=headers)({"type": "http"}, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}


def _release(engine: Engine, scope: str) -> None:
    with Session(engine) as session:
        session.execute(delete(IdempotencyRecord).where(col(IdempotencyRecord.scope) == scope))
        session.commit()
