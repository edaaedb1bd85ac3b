"""« Performance des agents » in the back office, over dunning's API (`GET /api/v1/dunning/performance`): each member
of staff's calls, promises and how they ended, plans and settled disputes over a period, named by their e-mail (the
portal's own users); supervisors and admins read it, as dunning lets them, and an agent is refused here."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlmodel import Session, col, select

from portal.identity.models import User
from portal.web.deps import StaffDep, UpstreamDep
from portal.web.errors import PageError
from portal.web.language import page_language
from portal.web.rendering import render

router = APIRouter(include_in_schema=False)
READERS = ("supervisor", "admin")  # dunning's SupervisorDep
From = Annotated[str, Query(alias="from", max_length=10)]
To = Annotated[str, Query(alias="to", max_length=10)]


@router.get("/back-office/performance")
async def performance(
    request: Request, viewer: StaffDep, upstream: UpstreamDep, since: From = "", until: To = ""
) -> Response:
    if viewer.role not in READERS:
        raise PageError(403, "error.forbidden")
    chosen = {"from": _day(since), "to": _day(until)}
    params = {key: value for key, value in chosen.items() if value}
    found, refusal = await upstream.submit("dunning", "GET", "/api/v1/dunning/performance", params=params)
    names = _names(request, [item["who"] for item in found["items"]]) if found else {}
    context: dict[str, Any] = {"found": found, "refusal": refusal, "names": names, "chosen": chosen}
    language = page_language(request)
    context["percent"] = lambda fraction: _percent(fraction, language)
    return render(request, "back_office/performance.html", context, status=refusal.status if refusal else 200)


def _percent(fraction: object, language: str) -> str:
    """A share as a whole percentage: "0.7500" -> "75 %" (fr) / "75%" (en)."""
    whole = (Decimal(str(fraction)) * 100).quantize(Decimal("1"))
    return f"{whole}\u00a0%" if language == "fr" else f"{whole}%"


def _day(value: str) -> str:
    """A day the date field sent (YYYY-MM-DD), else nothing: dunning's default period then."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return ""


def _names(request: Request, subjects: list[str]) -> dict[str, str]:
    """Each subject that is a user of this portal, by its e-mail; the others (an API client, the debtor's page) are
    named by the page's texts."""
    ids = []
    for subject in subjects:
        try:
            ids.append(uuid.UUID(subject))
        except ValueError:
            continue
    with Session(request.app.state.runtime.engine) as session:
        rows = session.exec(select(User.id, User.email).where(col(User.id).in_(ids))).all() if ids else []
    return {str(user_id): email for user_id, email in rows}
