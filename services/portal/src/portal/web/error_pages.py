"""The pages that answer a page's errors: a plain page in the visitor's language, or back to the sign-in page."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from portal.web.errors import PageError, SignInRequired
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
