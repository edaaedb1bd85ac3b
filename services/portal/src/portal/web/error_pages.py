"""The pages that answer a page's errors: a plain page in the visitor's language, or back to the sign-in page. A
path no page has, or a page's address with a malformed parameter (`/cases?page=-1`), is answered with a page too;
the API's paths keep their JSON answers."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException

from shared.validation_errors import french_message, reason

from portal.web.errors import PageError, SignInRequired
from portal.web.language import Translator, page_language
from portal.web.refused_fields import refused_field
from portal.web.rendering import render
from portal.web.sessions import clear_session_cookie


async def page_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PageError)
    return render(request, "error.html", {"error_key": exc.key, "detail": exc.detail}, status=exc.status)


async def sign_in_required(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SignInRequired)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    location = f"/sign-in?next={quote(target, safe='')}" + ("&expired=1" if exc.expired else "")
    response = RedirectResponse(location, status_code=303)
    if exc.expired:
        clear_session_cookie(response, secure=request.app.state.web.secure)
    return response


# The portal's own machine paths: the API (and its gateway), keys, probes, metrics, the OpenAPI, static files.
_NOT_PAGES = ("/api/v1/", "/.well-known/", "/healthz", "/readyz", "/metrics", "/openapi.json", "/docs", "/static/")


def is_page(request: Request) -> bool:
    return not request.url.path.startswith(_NOT_PAGES)


def answer_pages_with_pages(app: FastAPI) -> None:
    """A page's 404 (no such path), 405 and malformed address (a query parameter its route refuses) answered with
    the error page in the visitor's language; everything else as the service's handlers answer it (JSON)."""
    answer_invalid = app.exception_handlers[RequestValidationError]

    async def not_found(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if is_page(request) and exc.status_code in (404, 405):
            return render(request, "error.html", {"error_key": "error.not_found", "detail": None}, status=404)
        return await http_exception_handler(request, exc)

    async def malformed(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        if not is_page(request):
            answered = answer_invalid(request, exc)
            return answered if isinstance(answered, Response) else await answered
        t = Translator(page_language(request))
        said = [
            refused_field(
                error["loc"],
                reason(error, language=t.language),
                french_message(error) if t.language == "fr" else str(error.get("msg", "")),
                t,
            )
            for error in exc.errors()
        ]
        # a page's address (its path or query), or a form's fields no page of the site leaves out (a hand-made post)
        in_form = any(error["loc"][:1] == ("body",) for error in exc.errors())
        key, status = ("error.bad_form", 422) if in_form else ("error.bad_address", 400)
        return render(request, "error.html", {"error_key": key, "detail": " ; ".join(said)}, status=status)

    app.add_exception_handler(HTTPException, not_found)
    app.add_exception_handler(RequestValidationError, malformed)
