"""The aged balance dashboard: scoring's aged balance as the visitor sees it (a creditor its own cases), drawn
as a bar chart with the table it is drawn from, and the per-debtor export."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from portal.web.charts import bar_chart
from portal.web.deps import UpstreamDep, ViewerDep
from portal.web.errors import PageError
from portal.web.formatting import money
from portal.web.language import Translator, page_language
from portal.web.rendering import render
from portal.web.routes.approvals import waiting_decisions
from portal.web.upstream import Upstream

router = APIRouter(include_in_schema=False)


@router.get("/dashboard")
async def dashboard(request: Request, viewer: ViewerDep, upstream: UpstreamDep) -> Response:
    aged = await upstream.read("scoring", "/api/v1/aged-balance")
    language = page_language(request)
    t = Translator(language)
    currency = aged.get("currency") or "EUR"
    rows = [(t("aged.not_due"), Decimal(aged["not_due"]["amount"]), aged["not_due"]["count"], "not-due")]
    rows += [
        (t("aged.bucket", label=bucket["label"]), Decimal(bucket["amount"]), bucket["count"], "")
        for bucket in aged["buckets"]
    ]
    chart = bar_chart([(label, amount, money(amount, language, currency), tone) for label, amount, _, tone in rows])
    context = {"aged": aged, "rows": rows, "chart": chart, "currency": currency, "disputes_to_answer": 0}
    context["decisions_waiting"] = 0
    if viewer.is_creditor:  # its answer is what a dispute or a proposal waits for; the agency's are on the worklist
        context["disputes_to_answer"] = await _disputes_to_answer(upstream)
        context["decisions_waiting"] = await waiting_decisions(upstream)
    return render(request, "dashboard.html", context)


async def _disputes_to_answer(upstream: Upstream) -> int:
    """The creditor's disputes waiting for its answer; 0 when dunning cannot say now (the dashboard still shows)."""
    try:
        found = await upstream.read_or_none("dunning", "/api/v1/dunning/disputes", {"awaiting": "creditor", "limit": 1})
    except PageError:
        return 0
    return int(found["total"]) if found else 0


@router.get("/dashboard/export")
async def export(
    request: Request,
    viewer: ViewerDep,
    upstream: UpstreamDep,
    format: Annotated[Literal["csv", "xlsx"], Query()] = "csv",
) -> Response:
    """The file as a person reads it in the page's language: its headings, and for a CSV the separators a French
    or an English spreadsheet opens directly."""
    language = page_language(request)
    params = {"format": format, "labels": language, "dialect": "fr" if language == "fr" else "intl"}
    return await upstream.download("scoring", "/api/v1/aged-balance/export", params)
