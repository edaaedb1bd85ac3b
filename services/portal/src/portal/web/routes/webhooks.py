"""« Webhooks », over the portal's own API (/api/v1/webhooks, docs/webhooks.md): a creditor connects its own system
(ERP, accounting) without writing an API call. It lists its endpoints, adds one by its address and the event types
it wants, tests, deactivates and reactivates one, and makes it a new signing secret. A new secret is shown in the
answer to the form that made it, once: never in an address, a redirect or the session. Agency staff see every
creditor's endpoints; supervisors and admins act on them too, agents read."""

from __future__ import annotations

import math
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from portal.web.deps import UpstreamDep, ViewerDep, known_id
from portal.web.errors import PageError
from portal.web.language import Translator, page_language
from portal.web.rendering import render
from portal.web.routes.webhook_deliveries import deliveries_page
from portal.web.sessions import WebSession
from portal.web.upstream import Refusal, Upstream
from portal.web.webhook_form import (
    Problems,
    WebhookForm,
    form_problems,
    may_manage,
    refusal_problems,
    submitted_fields,
    webhook_form,
)
from portal.web.webhook_views import creditor_names, event_groups, event_label

router = APIRouter(include_in_schema=False)
PAGE = 50
Did = Annotated[str, Query(max_length=20)]


@router.get("/webhooks")
async def webhooks(
    request: Request,
    viewer: ViewerDep,
    upstream: UpstreamDep,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    creditor: Annotated[str, Query(max_length=36)] = "",
    did: Did = "",
) -> Response:
    return await list_page(request, viewer, upstream, page=page, creditor=creditor, done=did)


async def list_page(
    request: Request,
    viewer: WebSession,
    upstream: Upstream,
    *,
    page: int = 1,
    creditor: str = "",
    done: str = "",
    form: WebhookForm | None = None,
    problems: Problems | None = None,
    revealed: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    t = Translator(page_language(request))
    params: dict[str, Any] = {"offset": (page - 1) * PAGE, "limit": PAGE}
    if viewer.is_staff and creditor:
        params["creditor_id"] = str(known_id(creditor))
    listing = await upstream.read("portal", "/api/v1/webhooks", params)
    types = (await upstream.read("portal", "/api/v1/webhooks/event-types"))["items"] if may_manage(viewer) else []
    names = await creditor_names(upstream) if viewer.is_staff else {}
    context = {
        "listing": listing,
        "page": page,
        "pages": max(1, math.ceil(listing["total"] / PAGE)),
        "creditor": creditor if viewer.is_staff else "",
        "names": names,
        "may_manage": may_manage(viewer),
        # a creditor user adds its own; staff name the creditor, so only when intake could list them
        "may_add": viewer.is_creditor or (may_manage(viewer) and bool(names)),
        "groups": event_groups(types, t),
        "event_label": lambda name: event_label(name, t),
        "form": form or WebhookForm(),
        "problems": problems or Problems(),
        "add_refused": form is not None and problems is not None and bool(problems.messages),
        "revealed": revealed,
        "done": done,
        "path": "/webhooks",  # a form's answer is shown at the form's address: the language switch comes back here
    }
    return render(request, "webhooks/list.html", context, status=status)


def _manager(viewer: WebSession) -> None:
    if not may_manage(viewer):
        raise PageError(403, "error.forbidden")


@router.post("/webhooks")
async def add_webhook(request: Request, viewer: ViewerDep, upstream: UpstreamDep) -> Response:
    """The new endpoint's secret is in this answer, the page itself: shown once, never stored by the page."""
    _manager(viewer)
    t = Translator(page_language(request))
    form = webhook_form(await submitted_fields(request), staff=viewer.is_staff)
    problems = form_problems(form, t)
    if problems.messages:
        return await list_page(request, viewer, upstream, form=form, problems=problems, status=422)
    created, refusal = await upstream.submit("portal", "POST", "/api/v1/webhooks", json=form.body())
    if refusal is not None:
        problems = refusal_problems(refusal, t)
        return await list_page(request, viewer, upstream, form=form, problems=problems, status=refusal.status)
    revealed = {"kind": "created", "url": created["url"], "secret": created["secret"], "until": None}
    return await list_page(request, viewer, upstream, revealed=revealed)


def _back(fields: list[tuple[str, str]]) -> bool:
    """Whether the form was sent from the endpoint's own page (its deliveries) rather than from the list."""
    return dict(fields).get("back") == "detail"


@router.post("/webhooks/{webhook_id}/secret")
async def new_secret(request: Request, webhook_id: str, viewer: ViewerDep, upstream: UpstreamDep) -> Response:
    """A new signing secret, shown in this answer only; the previous one signs beside it for the grace period."""
    _manager(viewer)
    fields, found = await submitted_fields(request), known_id(webhook_id)
    webhook = await upstream.read("portal", f"/api/v1/webhooks/{found}")
    rotated, refusal = await upstream.submit("portal", "POST", f"/api/v1/webhooks/{found}/secret")
    if refusal is not None:
        return await _refused(request, viewer, upstream, found, fields, refusal)
    revealed = {
        "kind": "rotated",
        "url": webhook["url"],
        "secret": rotated["secret"],
        "until": rotated.get("previous_valid_until"),
    }
    if _back(fields):
        return await deliveries_page(request, viewer, upstream, found, revealed=revealed)
    return await list_page(request, viewer, upstream, revealed=revealed)


@router.post("/webhooks/{webhook_id}/test")
async def test_webhook(request: Request, webhook_id: str, viewer: ViewerDep, upstream: UpstreamDep) -> Response:
    """A webhook.test delivery sent at once; the endpoint's log then shows how it went."""
    _manager(viewer)
    fields, found = await submitted_fields(request), known_id(webhook_id)
    _, refusal = await upstream.submit("portal", "POST", f"/api/v1/webhooks/{found}/test")
    if refusal is not None:
        return await _refused(request, viewer, upstream, found, fields, refusal)
    return RedirectResponse(f"/webhooks/{found}?did=tested", status_code=303)


@router.post("/webhooks/{webhook_id}/active")
async def switch_webhook(request: Request, webhook_id: str, viewer: ViewerDep, upstream: UpstreamDep) -> Response:
    """Deactivated, the endpoint hears no more and its waiting deliveries are cancelled; reactivated, it hears what
    happens from then on."""
    _manager(viewer)
    fields, found = await submitted_fields(request), known_id(webhook_id)
    active = dict(fields).get("active") == "true"
    path = f"/api/v1/webhooks/{found}"
    _, refusal = await upstream.submit("portal", "PATCH", path, json={"active": active})
    if refusal is not None:
        return await _refused(request, viewer, upstream, found, fields, refusal)
    done = "reactivated" if active else "deactivated"
    return RedirectResponse(f"/webhooks/{found}?did={done}" if _back(fields) else f"/webhooks?did={done}", 303)


async def _refused(
    request: Request,
    viewer: WebSession,
    upstream: Upstream,
    webhook_id: uuid.UUID,
    fields: list[tuple[str, str]],
    refusal: Refusal,
) -> Response:
    """The page the form was sent from, saying why the API refused."""
    problems, status = refusal_problems(refusal, Translator(page_language(request))), refusal.status
    if _back(fields):
        return await deliveries_page(request, viewer, upstream, webhook_id, problems=problems, http_status=status)
    return await list_page(request, viewer, upstream, problems=Problems(problems.messages), status=status)
