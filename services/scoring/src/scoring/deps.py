"""Scoring's own FastAPI dependencies (the kernel's are in shared.deps; the tenant rule is `shared.tenancy`): the
query parameters the aged-balance and worklist routes share.

Each parameter is checked here and refused with a plain-language 422 naming it, before it reaches the
database (where a NUL byte, an overflowing date or an out-of-range integer would otherwise fail as a 500).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Query, Request

from shared.limits import DateText

from scoring.domain.aging import check_as_of, check_limits
from scoring.domain.currency import EUR, check_currency
from scoring.domain.refusals import Refused
from scoring.domain.text import check_label
from scoring.errors import InvalidQuery

LimitsQuery = Annotated[str | None, Query(description="bucket limits in days, comma-separated", examples=["30,60,90"])]
MAX_PAGE = 100_000


def bucket_limits(request: Request, limits: LimitsQuery = None) -> tuple[int, ...]:
    if limits is None:
        return tuple(request.app.state.runtime.settings.aged_balance_limits)
    try:
        return check_limits([int(part) for part in limits.split(",")])
    except Refused as exc:
        raise InvalidQuery("limits", f"limits: {exc.message}", f"limits : {exc.message_fr}") from exc
    except ValueError as exc:
        raise InvalidQuery(
            "limits",
            "limits: limits must be whole numbers of days, for example 30,60,90",
            "limits : les limites sont des nombres entiers de jours, par exemple 30,60,90",
        ) from exc


LimitsDep = Annotated[tuple[int, ...], Depends(bucket_limits)]


def as_of_date(
    as_of: Annotated[Annotated[date, DateText] | None, Query(description="YYYY-MM-DD; today by default")] = None,
) -> date | None:
    if as_of is None:
        return None
    try:
        return check_as_of(as_of)
    except Refused as exc:
        raise InvalidQuery("as_of", f"as_of: {exc.message}", f"as_of : {exc.message_fr}") from exc


AsOfDep = Annotated[date | None, Depends(as_of_date)]


def currency_code(
    currency: Annotated[
        str, Query(description="ISO 4217; amounts in other currencies are not converted", examples=["EUR"])
    ] = EUR,
) -> str:
    try:
        return check_currency(currency)
    except Refused as exc:
        raise InvalidQuery("currency", exc.message, exc.message_fr) from exc


CurrencyDep = Annotated[str, Depends(currency_code)]


AgentQuery = Annotated[str | None, Query(description="the agent a case is assigned to, 1 to 120 characters")]


def agent_filter(agent: AgentQuery = None) -> str | None:
    if agent is None:
        return None
    try:
        return check_label(agent, field="agent")
    except Refused as exc:
        raise InvalidQuery("agent", exc.message, exc.message_fr) from exc


AgentDep = Annotated[str | None, Depends(agent_filter)]
PageDep = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"1 to {MAX_PAGE}")]

MAX_EXPORT_ROWS = 10_000
"""Debtors in one aged-balance file: a bigger portfolio is exported a file at a time (`offset`)."""
ExportLimitQuery = Annotated[int, Query(ge=1, le=MAX_EXPORT_ROWS, description=f"1 to {MAX_EXPORT_ROWS}")]
