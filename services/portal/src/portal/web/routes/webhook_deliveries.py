"""A webhook's own page: the endpoint, its actions, and the log of what was sent to it (GET
/api/v1/webhooks/{id}/deliveries), the newest first, filtered by status, each with its attempts and the exact body
sent; a failed, cancelled or delivered one is sent again from here."""

from __future__ import annotations

import math
import uuid
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from portal.web.deps import UpstreamDep, ViewerDep, known_id
from portal.web.errors import PageError
from portal.web.language import Translator, page_language
from portal.web.rendering import render
from portal.web.sessions import WebSession
from portal.web.upstream import Upstream
from portal.web.webhook_form import Problems, may_manage, refusal_problems, submitted_fields
from portal.web.webhook_views import STATUSES, creditor_names, delivery_rows, event_label

router = APIRouter(include_in_schema=False)
PAGE = 20


@router.get("/webhooks/{webhook_id}")
async def deliveries(
    request: Request,
    webhook_id: str,
    viewer: ViewerDep,
    upstream: UpstreamDep,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    status: Annotated[str, Query(max_length=20)] = "",
    did: Annotated[str, Query(max_length=20)] = "",
) -> Response:
    return await deliveries_page(request, viewer, upstream, known_id(webhook_id), page=page, status=status, done=did)


async def deliveries_page(
    request: Request,
    viewer: WebSession,
    upstream: Upstream,
    webhook_id: uuid.UUID,
    *,
    page: int = 1,
    status: str = "",
    done: str = "",
    problems: Problems | None = None,
    revealed: dict[str, Any] | None = None,
    http_status: int = 200,
) -> Response:
    t = Translator(page_language(request))
    status = status if status in STATUSES else ""
    webhook = await upstream.read("portal", f"/api/v1/webhooks/{webhook_id}")
    params = {"offset": (page - 1) * PAGE, "limit": PAGE, "status": status or None}
    log = await upstream.read("portal", f"/api/v1/webhooks/{webhook_id}/deliveries", params)
    names = await creditor_names(upstream) if viewer.is_staff else {}
    context = {
        "webhook": webhook,
        "rows": delivery_rows(log["items"], t),
        "total": log["total"],
        "page": page,
        "pages": max(1, math.ceil(log["total"] / PAGE)),
        "status": status,
        "statuses": STATUSES,
        "pager_base": f"/webhooks/{webhook_id}?" + (urlencode({"status": status}) + "&" if status else ""),
        "names": names,
        "may_manage": may_manage(viewer),
        "event_label": lambda name: event_label(name, t),
        "problems": problems or Problems(),
        "revealed": revealed,
        "done": done,
        "path": f"/webhooks/{webhook_id}",  # the page's own address, also when it answers one of its forms
    }
    return render(request, "webhooks/deliveries.html", context, status=http_status)


@router.post("/webhooks/{webhook_id}/deliveries/{delivery_id}/send-again")
async def send_again(
    request: Request, webhook_id: str, delivery_id: str, viewer: ViewerDep, upstream: UpstreamDep
) -> Response:
    """Sent again at once, with the same id and body: the receiver drops a repeat by its id."""
    if not may_manage(viewer):
        raise PageError(403, "error.forbidden")
    fields = dict(await submitted_fields(request))
    found, delivery = known_id(webhook_id), known_id(delivery_id)
    status = fields.get("status", "") if fields.get("status", "") in STATUSES else ""
    page = int(fields["page"]) if fields.get("page", "").isdigit() and 0 < int(fields["page"]) <= 10_000 else 1
    path = f"/api/v1/webhooks/{found}/deliveries/{delivery}/send-again"
    _, refusal = await upstream.submit("portal", "POST", path)
    if refusal is not None:
        problems = refusal_problems(refusal, Translator(page_language(request)))
        return await deliveries_page(
            request, viewer, upstream, found, page=page, status=status, problems=problems, http_status=refusal.status
        )
    query = urlencode(
        {"did": "resent", **({"status": status} if status else {}), **({"page": page} if page > 1 else {})}
    )
    return RedirectResponse(f"/webhooks/{found}?{query}", status_code=303)
