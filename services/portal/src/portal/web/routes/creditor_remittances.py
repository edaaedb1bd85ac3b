"""« Reversements » for a creditor, over intake's API: what the agency remitted to it, run after run, each with the
commission kept on every payment (R124-5, R124-6 CPCE) and the agency's invoice of it (a PDF). Intake answers with the
creditor's own remittances only; staff read every creditor's in the back office."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from portal.web.deps import UpstreamDep, ViewerDep, known_id
from portal.web.errors import PageError
from portal.web.rendering import render
from portal.web.sessions import WebSession

router = APIRouter(include_in_schema=False)
PAGE = 20


def _creditor(viewer: WebSession) -> None:
    if not viewer.is_creditor:
        raise PageError(403, "error.forbidden")


@router.get("/remittances")
async def remittances(
    request: Request, viewer: ViewerDep, upstream: UpstreamDep, page: Annotated[int, Query(ge=1, le=5_000)] = 1
) -> Response:
    _creditor(viewer)
    listing = await upstream.read("intake", "/api/v1/remittances", {"offset": (page - 1) * PAGE, "limit": PAGE})
    pages = max(1, math.ceil(listing["total"] / PAGE))
    return render(request, "remittances/list.html", {"listing": listing, "page": page, "pages": pages})


@router.get("/remittances/{remittance_id}")
async def remittance(request: Request, remittance_id: str, viewer: ViewerDep, upstream: UpstreamDep) -> Response:
    _creditor(viewer)
    found = await upstream.read("intake", f"/api/v1/remittances/{known_id(remittance_id)}")
    return render(request, "remittances/detail.html", {"remittance": found})


@router.get("/remittances/{remittance_id}/invoice")
async def invoice(remittance_id: str, viewer: ViewerDep, upstream: UpstreamDep) -> Response:
    _creditor(viewer)
    return await upstream.download("intake", f"/api/v1/remittances/{known_id(remittance_id)}/invoice")
