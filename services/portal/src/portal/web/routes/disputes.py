"""The disputes still open (dunning's `GET /api/v1/dunning/disputes`): « Contestations en cours », the oldest first,
each with its days open, late past the agency's target, and whose move it is. Staff see every creditor's; a creditor
its own, and from its dashboard those waiting for its answer. Each is answered or resolved on its case's page."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from portal.web.deps import UpstreamDep, ViewerDep
from portal.web.dispute_export import disputes_csv, disputes_xlsx
from portal.web.errors import PageError
from portal.web.language import page_language
from portal.web.rendering import PAGE_HEADERS, render

router = APIRouter(include_in_schema=False)
PAGE = 50
AWAITING = ("creditor", "agency")
EXPORT_PAGE, EXPORT_PAGES = 200, 25  # dunning's largest page; at most 5,000 disputes in a file
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/disputes")
async def disputes(
    request: Request,
    viewer: ViewerDep,
    upstream: UpstreamDep,
    awaiting: Annotated[str, Query(max_length=10)] = "",
    page: Annotated[int, Query(ge=1, le=20_000)] = 1,
) -> Response:
    chosen = awaiting if awaiting in AWAITING else ""
    params = {"offset": (page - 1) * PAGE, "limit": PAGE, **({"awaiting": chosen} if chosen else {})}
    context: dict[str, object] = {"awaiting": chosen, "page": page}
    try:
        listing = await upstream.read("dunning", "/api/v1/dunning/disputes", params)
    except PageError:
        return render(request, "disputes/list.html", {**context, "listing": None}, status=503)
    pages = max(1, math.ceil(listing["total"] / PAGE))
    return render(request, "disputes/list.html", {**context, "listing": listing, "pages": pages})


@router.get("/disputes/export.{extension}")
async def export(
    request: Request,
    extension: Literal["csv", "xlsx"],
    viewer: ViewerDep,
    upstream: UpstreamDep,
    awaiting: Annotated[str, Query(max_length=10)] = "",
) -> Response:
    """The queue as the page filters it, every page of it (the oldest first), as a file in the page's language."""
    chosen = {"awaiting": awaiting} if awaiting in AWAITING else {}
    disputes: list[dict[str, Any]] = []
    for page in range(EXPORT_PAGES):
        params = {"offset": page * EXPORT_PAGE, "limit": EXPORT_PAGE, **chosen}
        listing = await upstream.read("dunning", "/api/v1/dunning/disputes", params)
        disputes += listing["items"]
        if len(disputes) >= listing["total"] or not listing["items"]:
            break
    language = page_language(request)
    name = "contestations" if language == "fr" else "disputes"
    headers = {**PAGE_HEADERS, "Content-Disposition": f'attachment; filename="{name}.{extension}"'}
    if extension == "xlsx":
        return Response(disputes_xlsx(disputes, language), media_type=XLSX, headers=headers)
    body = disputes_csv(disputes, language).encode("utf-8")
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)
