"""What a page answers when it cannot show what was asked: a plain page in the visitor's language, never JSON."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse, Response


class PageError(Exception):
    """`status` with the text `key` of the catalogue (error.not_found, error.forbidden ...)."""

    def __init__(self, status: int, key: str, *, detail: str | None = None) -> None:
        super().__init__(key)
        self.status = status
        self.key = key
        self.detail = detail


class SignInRequired(Exception):
    """No session, or a session (or its token) expired: back to the sign-in page, then to where the user was."""

    def __init__(self, *, expired: bool = False) -> None:
        super().__init__("sign in")
        self.expired = expired


async def page_error(request: Request, exc: Exception) -> Response:
    from portal.web.rendering import render  # the renderer imports this module's errors

    assert isinstance(exc, PageError)
    return render(request, "error.html", {"error_key": exc.key, "detail": exc.detail}, status=exc.status)


async def sign_in_required(request: Request, exc: Exception) -> Response:
    from portal.web.sessions import clear_session_cookie

    assert isinstance(exc, SignInRequired)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    location = f"/sign-in?next={quote(target, safe='')}" + ("&expired=1" if exc.expired else "")
    response = RedirectResponse(location, status_code=303)
    if exc.expired:
        clear_session_cookie(response, secure=request.app.state.web.secure)
    return response
