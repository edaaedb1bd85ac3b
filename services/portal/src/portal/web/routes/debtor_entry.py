"""The way in to a debtor's page from paper: the short link a message carries (`/d/{RF reference}-{code}`), or the
payment reference and the access code typed on `/debtor` (`shared.access_codes`). Either opens a signed link to
the case's page (`/debtor/{token}`) valid as long as the code is. A wrong code is said without saying whether the
reference exists; the attempts are throttled like a sign-in."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from shared.access_codes import code_valid_until, read_code, read_reference, read_short_link
from shared.debtor_links import sign_link

from portal.config import Settings
from portal.deps import request_address
from portal.errors import TooManyAttempts
from portal.identity.paper_access import check_not_throttled, record_wrong_code
from portal.web import csrf
from portal.web.debtor_access import as_the_portal, debtor_ids
from portal.web.rendering import render
from portal.web.routes.debtor import DEBTOR_HEADERS

router = APIRouter(include_in_schema=False)


@router.get("/debtor")
def entry_page(request: Request) -> Response:
    return _entry(request, reference="", error=None)


@router.post("/debtor")
async def enter(
    request: Request,
    reference: Annotated[str, Form(max_length=200)] = "",
    code: Annotated[str, Form(max_length=200)] = "",
    csrf_token: Annotated[str, Form(alias="csrf", max_length=200)] = "",
) -> Response:
    csrf.check(request, csrf_token)
    rf, typed = read_reference(reference), read_code(code)
    if rf is None or typed is None:
        missing = "debtor.entry.unreadable_reference" if rf is None else "debtor.entry.unreadable_code"
        return _entry(request, reference=reference, error=missing, status=422)
    return await _open(request, rf, typed)


@router.get("/d/{short}")
async def short_link(request: Request, short: str) -> Response:
    read = read_short_link(short[:100])
    if read is None:
        return _entry(request, reference="", error="debtor.entry.wrong", status=403)
    return await _open(request, *read)


async def _open(request: Request, reference: str, code: str) -> Response:
    runtime = request.app.state.runtime
    settings: Settings = runtime.settings
    now, address = runtime.clock.now(), request_address(request, settings.trusted_proxies)
    try:
        await run_in_threadpool(
            check_not_throttled,
            runtime.engine,
            reference=reference,
            client_ip=address,
            now=now,
            max_failures=settings.login_max_failures,
            window=timedelta(seconds=settings.login_window_s),
            max_per_address=settings.login_max_failures_per_address,
        )
    except TooManyAttempts as exc:
        headers = {**DEBTOR_HEADERS, "Retry-After": str(exc.retry_after_s)}
        return _entry(request, reference=reference, error="debtor.entry.throttled", status=429, headers=headers)
    case = await _case_of(request, reference)
    key = request.app.state.web.debtor_link_key
    until = None
    if case is not None:
        case_id, valid_days = uuid.UUID(case["id"]), settings.debtor_link_days
        until = code_valid_until(
            code, case_id=case_id, debtor_ids=debtor_ids(case), now=now, valid_days=valid_days, key=key
        )
    if case is None or until is None:
        await run_in_threadpool(record_wrong_code, runtime.engine, reference=reference, client_ip=address, now=now)
        return _entry(request, reference=reference, error="debtor.entry.wrong", status=403)
    debtor_id = uuid.UUID(str(case["debtor"]["id"]))
    token = sign_link(case_id=case_id, debtor_id=debtor_id, expires_at=until, key=key)
    return RedirectResponse(f"/debtor/{token}", status_code=303, headers=DEBTOR_HEADERS)


async def _case_of(request: Request, reference: str) -> dict[str, Any] | None:
    """The case paid with this RF reference, read with the portal's own token (the debtor has no account)."""
    found = await as_the_portal(request).read_or_none(
        "intake", "/api/v1/cases", {"rf_reference": reference, "limit": 1}
    )
    items = (found or {}).get("items") or []
    return items[0] if items else None


def _entry(
    request: Request, *, reference: str, error: str | None, status: int = 200, headers: dict[str, str] | None = None
) -> Response:
    context = {"reference": reference[:40], "error": error, "public_page": True}
    return render(request, "debtor/entry.html", context, status=status, headers=headers or DEBTOR_HEADERS)
