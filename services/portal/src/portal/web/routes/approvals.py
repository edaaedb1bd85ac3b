"""What waits for the creditor's decision (dunning's `GET /api/v1/dunning/approvals`): « Décisions en attente », the
payment plans proposed to it and the settlements below its mandate's floor, the oldest first with their days waiting.
A creditor sees its own (and, from its dashboard, how many); staff every creditor's, to chase them. Each is approved
or refused on its case's page."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from portal.web.deps import UpstreamDep, ViewerDep
from portal.web.errors import PageError
from portal.web.rendering import render
from portal.web.upstream import Upstream

router = APIRouter(include_in_schema=False)
PAGE = 50


@router.get("/approvals")
async def approvals(
    request: Request,
    viewer: ViewerDep,
    upstream: UpstreamDep,
    page: Annotated[int, Query(ge=1, le=20_000)] = 1,
) -> Response:
    context: dict[str, object] = {"page": page}
    try:
        listing = await upstream.read(
            "dunning", "/api/v1/dunning/approvals", {"offset": (page - 1) * PAGE, "limit": PAGE}
        )
    except PageError:
        return render(request, "approvals/list.html", {**context, "listing": None, "pages": 1}, status=503)
    pages = max(1, math.ceil(listing["total"] / PAGE))
    return render(request, "approvals/list.html", {**context, "listing": listing, "pages": pages})


async def waiting_decisions(upstream: Upstream) -> int:
    """How many decisions wait for the creditor; 0 when dunning cannot say now (the dashboard still shows)."""
    try:
        found = await upstream.read_or_none("dunning", "/api/v1/dunning/approvals", {"limit": 1})
    except PageError:
        return 0
    return int(found["total"]) if found else 0
