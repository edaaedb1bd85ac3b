"""Signing in and out, the home page and the language switch."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from shared.deps import ClockDep, RuntimeDep, SessionDep

from portal.config import Settings
from portal.deps import request_address
from portal.errors import InvalidCredentials, TooManyAttempts
from portal.identity.sign_in import authenticate_user
from portal.identity.withdrawals import issue_instant
from portal.web import csrf
from portal.web.deps import WebDep
from portal.web.language import LANGUAGE_COOKIE, is_supported
from portal.web.rendering import render
from portal.web.sessions import clear_session_cookie, current_session, new_session, set_session_cookie

router = APIRouter(include_in_schema=False)
LANGUAGE_COOKIE_DAYS = 365


def safe_next(target: str | None) -> str:
    """Only a path of this site: never another host (`//evil.example`, `/\\evil.example`)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")) or "\n" in target:
        return "/"
    return target


@router.get("/")
def home(request: Request) -> Response:
    session = current_session(request)
    if session is None:
        return RedirectResponse("/sign-in", status_code=303)
    return RedirectResponse("/worklist" if session.is_staff else "/cases", status_code=303)


@router.get("/sign-in")
def sign_in_page(request: Request, next: str | None = None, expired: bool = False, out: bool = False) -> Response:
    notice = "sign_in.expired" if expired else "sign_in.signed_out" if out else None
    return render(request, "sign_in.html", {"next": safe_next(next), "notice": notice, "error": None, "email": ""})


@router.post("/sign-in")
def sign_in(
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    runtime: RuntimeDep,
    web: WebDep,
    email: Annotated[str, Form(max_length=320)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
    csrf_token: Annotated[str, Form(alias="csrf", max_length=200)] = "",
) -> Response:
    csrf.check(request, csrf_token)
    settings: Settings = runtime.settings  # type: ignore[assignment]  # the portal's runtime holds its Settings
    context = {"next": safe_next(next), "notice": None, "email": email}
    if not email.strip() or not password or any(ord(c) < 32 for c in email + password):
        return render(request, "sign_in.html", {**context, "error": "sign_in.wrong"}, status=401)
    try:
        principal = authenticate_user(
            session=session,
            email=email,
            password=password,
            client_ip=request_address(request, settings.trusted_proxies),
            clock=clock,
            max_failures=settings.login_max_failures,
            window=timedelta(seconds=settings.login_window_s),
            max_per_address=settings.login_max_failures_per_address,
        )
    except InvalidCredentials:
        return render(request, "sign_in.html", {**context, "error": "sign_in.wrong"}, status=401)
    except TooManyAttempts as exc:
        return render(
            request,
            "sign_in.html",
            {**context, "error": "sign_in.throttled"},
            status=429,
            headers={"Retry-After": str(exc.retry_after_s)},
        )
    if principal.role.value == "bailiff":
        return render(request, "sign_in.html", {**context, "error": "sign_in.bailiff"}, status=403)
    now = issue_instant(session, principal.subject)  # the wall clock, never the business clock
    lifetime = timedelta(seconds=web.token_lifetime_s)
    token = request.app.state.signing_key.issue(
        principal, issuer=settings.jwt_issuer, audience=settings.jwt_audience, now=now, lifetime=lifetime
    )
    web_session = new_session(
        token=token,
        role=principal.role.value,
        creditor_id=principal.creditor_id,
        email=principal.name or email,
        expires_at=now + lifetime,
    )
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session_cookie(response, web.sealer.seal(web_session), max_age=web.token_lifetime_s, secure=web.secure)
    return response


@router.post("/sign-out")
async def sign_out(
    request: Request, web: WebDep, csrf_token: Annotated[str, Form(alias="csrf", max_length=200)] = ""
) -> Response:
    csrf.check(request, csrf_token)
    response = RedirectResponse("/sign-in?out=1", status_code=303)
    clear_session_cookie(response, secure=web.secure)
    return response


@router.post("/language")
async def choose_language(
    request: Request,
    web: WebDep,
    language: Annotated[str, Form(max_length=5)] = "fr",
    back: Annotated[str, Form(max_length=2000)] = "/",
    csrf_token: Annotated[str, Form(alias="csrf", max_length=200)] = "",
) -> Response:
    csrf.check(request, csrf_token)
    response = RedirectResponse(safe_next(back), status_code=303)
    if is_supported(language):
        response.set_cookie(
            LANGUAGE_COOKIE,
            language,
            max_age=LANGUAGE_COOKIE_DAYS * 86400,
            path="/",
            httponly=True,
            samesite="lax",
            secure=web.secure,
        )
    return response
