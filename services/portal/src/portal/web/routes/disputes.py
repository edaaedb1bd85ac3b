"""The disputes still open (dunning's `GET /api/v1/dunning/disputes`): « Contestations en cours », the oldest first,
each with its days open, late past the agency's target, and whose move it is. Staff see every creditor's; a creditor
its own, and from its dashboard those waiting for its answer. Each is answered or resolved on its case's page."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from portal.web.deps import UpstreamDep, ViewerDep
from portal.web.errors import PageError
from portal.web.rendering import render

router = APIRouter(include_in_schema=False)
PAGE = 50
AWAITING = ("creditor", "agency")


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
