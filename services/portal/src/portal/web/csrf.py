"""CSRF protection of every form. Signed in, the token is the session's own (sealed in the session cookie).
Anonymous (the sign-in form, a debtor's page), it is a double-submit cookie whose form value is an HMAC of the
cookie under the portal's key: a cookie planted by a neighbouring site cannot be matched without the key."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request, Response

from portal.web.errors import PageError
from portal.web.sessions import current_session

CSRF_COOKIE = "recouvra_csrf"
CSRF_FIELD = "csrf"


def _mac(key: bytes, value: str) -> str:
    return hmac.new(key, f"csrf:{value}".encode(), hashlib.sha256).hexdigest()


def form_token(request: Request) -> str:
    """The value a form of this page carries (and, anonymous, the cookie it is checked against: see `issue`)."""
    session = current_session(request)
    if session is not None:
        return session.csrf
    cookie = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf_cookie", None)
    if not cookie:
        cookie = secrets.token_urlsafe(32)
        request.state.new_csrf_cookie = cookie
    return _mac(request.app.state.web.csrf_key, cookie)


def issue(request: Request, response: Response, *, secure: bool) -> None:
    """Sets the anonymous CSRF cookie when `form_token` made a new one while rendering the page."""
    cookie = getattr(request.state, "new_csrf_cookie", None)
    if cookie:
        response.set_cookie(CSRF_COOKIE, cookie, path="/", httponly=True, samesite="lax", secure=secure)


def check(request: Request, submitted: str | None) -> None:
    """403 unless `submitted` is the token this visitor's forms carry."""
    session = current_session(request)
    if session is not None:
        expected = session.csrf
    else:
        cookie = request.cookies.get(CSRF_COOKIE)
        expected = _mac(request.app.state.web.csrf_key, cookie) if cookie else ""
    if not submitted or not expected or not hmac.compare_digest(submitted.encode(), expected.encode()):
        raise PageError(403, "error.csrf")
