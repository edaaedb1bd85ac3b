"""How every service answers an error: a DomainError in the client's language, a refused request body in
plain words, an exhausted connection pool as overload (503), a database connection lost under the request (503),
anything else as a 500 carrying the request id."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolExhausted

from shared.admission import overloaded_response
from shared.db import is_conflict
from shared.errors import DomainError, Refusals
from shared.i18n import bilingual_answer, negotiate
from shared.logs import request_id_var
from shared.validation_errors import plain_errors, reason

log = logging.getLogger("shared.web")


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def domain_error(request: Request, exc: DomainError) -> JSONResponse:
        """French unless the client prefers English; an error without a French text answers in English. The field
        the error is about, when it is about one, is named apart (`field`) for a form to point at it."""
        named: dict[str, object] = {"field": exc.field} if exc.field else {}
        if isinstance(exc, Refusals):
            named["errors"] = [_each(request, error) for error in exc.errors]
        if exc.message_fr is None:
            return JSONResponse(
                {"detail": exc.message, "detail_en": exc.message, **named},
                status_code=exc.status_code,
                headers={**exc.headers, "Content-Language": "en"},
            )
        language = negotiate(request.headers.get("accept-language"))
        detail = exc.message_fr if language == "fr" else exc.message
        return JSONResponse(
            {"detail": detail, "detail_en": exc.message, "detail_fr": exc.message_fr, **named},
            status_code=exc.status_code,
            headers={**exc.headers, "Content-Language": language, "Vary": "Accept-Language"},
        )

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        """English clients get FastAPI's own list, each error with its `reason` (the message without the field's
        name, for a form that names it by its label); French ones a plain message per error, with the English beside."""
        errors = exc.errors()
        if negotiate(request.headers.get("accept-language")) == "en":
            listed = jsonable_encoder(errors)
            for item in listed:
                item["reason"] = reason(item, language="en")
            return JSONResponse(
                {"detail": listed}, status_code=422, headers={"Content-Language": "en", "Vary": "Accept-Language"}
            )
        return JSONResponse(
            {"detail": plain_errors(errors, language="fr"), "detail_en": plain_errors(errors, language="en")},
            status_code=422,
            headers={"Content-Language": "fr", "Vary": "Accept-Language"},
        )

    @app.exception_handler(PoolExhausted)
    async def pool_exhausted(request: Request, exc: PoolExhausted) -> JSONResponse:
        return pool_exhausted_response(request)

    @app.exception_handler(DBAPIError)
    async def database_error(request: Request, exc: DBAPIError) -> JSONResponse:
        if exc.connection_invalidated:
            return database_lost_response(request)
        if is_conflict(exc):
            return conflict_response(request)
        return unexpected_error_response(request)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        return unexpected_error_response(request)


def _each(request: Request, error: DomainError) -> dict[str, object]:
    """One of several refusals: its field, and its text in the client's language and in both."""
    french = error.message_fr is not None and negotiate(request.headers.get("accept-language")) == "fr"
    return {
        "field": error.field,
        "detail": error.message_fr if french else error.message,
        "detail_en": error.message,
        "detail_fr": error.message_fr,
    }


def database_lost_response(request: Request) -> JSONResponse:
    """The database went away under the request (restarted, or the network cut): a connection taken from the pool
    without a check because it was in use a moment before (`shared.db`). The pool has dropped its connections; the
    same request sent again finds a new one."""
    log.warning("database connection lost during %s %s: answered 503", request.method, request.url.path)
    return _send_again(
        request,
        en="the connection to the database was lost; send the request again in a moment (with the same "
        "Idempotency-Key, nothing is done twice)",
        fr="la connexion à la base de données a été perdue ; renvoyez la requête dans un instant (avec la même "
        "Idempotency-Key, rien n'est fait deux fois)",
    )


def conflict_response(request: Request) -> JSONResponse:
    """PostgreSQL gave up this request's transaction so that another could go on (a deadlock: two changes of the
    same records at the same moment, each holding what the other needed): nothing of it was written, and the same
    request sent again goes through once the other has committed. Not the server failing: a 503 saying when to
    retry, never a 500."""
    log.warning("%s %s met a concurrent change (deadlock): answered 503", request.method, request.url.path)
    return _send_again(
        request,
        en="the same records were being changed at the same moment by another request; nothing was done: send "
        "the request again (with the same Idempotency-Key, nothing is done twice)",
        fr="les mêmes données étaient modifiées au même instant par une autre requête ; rien n'a été fait : "
        "renvoyez la requête (avec la même Idempotency-Key, rien n'est fait deux fois)",
    )


def _send_again(request: Request, *, en: str, fr: str) -> JSONResponse:
    """A 503 that nothing was done and the same request may be sent again in a second, in the client's language."""
    body, headers = bilingual_answer(request.headers.get("accept-language"), en=en, fr=fr)
    return JSONResponse(body, status_code=503, headers={**headers, "Retry-After": "1"})


def pool_exhausted_response(request: Request) -> JSONResponse:
    """No database connection came free within the pool's short wait: overload, answered like the admission
    limit's (the limit keeps requests in flight below the pool, so this is the backstop), never a 500."""
    log.warning("no database connection free for %s %s: answered 503", request.method, request.url.path)
    retry_after_s = request.app.state.runtime.settings.overload_retry_after_s
    return overloaded_response(request.headers.get("accept-language"), retry_after_s=retry_after_s)


def unexpected_error_response(request: Request) -> JSONResponse:
    """Call from an `except` block, while the request id is still set."""
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    request_id = request_id_var.get()
    body, headers = bilingual_answer(
        request.headers.get("accept-language"),
        en=f"an unexpected error occurred; nothing was changed. Quote request id {request_id} to support.",
        fr=f"une erreur inattendue s'est produite ; rien n'a été modifié. Citez l'identifiant de requête {request_id} "
        "au support.",
    )
    return JSONResponse(body, status_code=500, headers=headers)
