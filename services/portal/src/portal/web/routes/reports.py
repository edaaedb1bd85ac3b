"""The creditor's reports: a page and its CSV and Excel downloads, read from intake's API as the visitor sees it. A
creditor sees its own figures; staff see the agency's, or one creditor's (?creditor_id=). Naming another
creditor is intake's 404 when reading that creditor (shared.tenancy), so the page's 404."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from shared.wording import format_date

from portal.web.case_page import UNAVAILABLE, panel
from portal.web.deps import UpstreamDep, ViewerDep, known_id
from portal.web.language import page_language
from portal.web.rendering import PAGE_HEADERS, render
from portal.web.report_xlsx import report_xlsx
from portal.web.reports import build_report, report_csv
from portal.web.upstream import Upstream

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 200  # intake's largest page
MAX_PAGES = 25  # at most 5 000 records of each kind per report
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/reports")
async def reports_page(
    request: Request,
    viewer: ViewerDep,
    upstream: UpstreamDep,
    creditor_id: Annotated[str, Query(max_length=64)] = "",
) -> Response:
    report, creditor = await _report(upstream, creditor_id)
    language = page_language(request)

    def month(key: str) -> str:  # "2027-03" -> "mars 2027"
        return format_date(date.fromisoformat(f"{key}-01"), language).split(" ", 1)[1]

    def percent(value: Decimal) -> str:  # 66.7 -> "66,7 %" / "66.7%"
        return f"{str(value).replace('.', ',')}\u00a0%" if language == "fr" else f"{value}%"

    def tenth(value: str) -> str:  # "6.5" -> "6,5" / "6.5"
        return value.replace(".", ",") if language == "fr" else value

    disputes = await panel(upstream.read("dunning", "/api/v1/dunning/disputes/summary", _creditor(creditor)))
    context = {
        "report": report,
        "creditor_id": creditor or "",
        "month": month,
        "percent": percent,
        "tenth": tenth,
        "disputes": disputes,
        "unavailable": UNAVAILABLE,
    }
    return render(request, "reports.html", context)


def _creditor(creditor: str | None) -> dict[str, str]:
    return {"creditor_id": creditor} if creditor else {}


@router.get("/reports/export.csv")
async def reports_csv(
    request: Request,
    viewer: ViewerDep,
    upstream: UpstreamDep,
    creditor_id: Annotated[str, Query(max_length=64)] = "",
) -> Response:
    report, _ = await _report(upstream, creditor_id)
    headers = {
        **PAGE_HEADERS,
        "Content-Disposition": 'attachment; filename="recouvra-report.csv"',
    }
    body = report_csv(report, page_language(request)).encode("utf-8")
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/reports/export.xlsx")
async def reports_xlsx(
    request: Request,
    viewer: ViewerDep,
    upstream: UpstreamDep,
    creditor_id: Annotated[str, Query(max_length=64)] = "",
) -> Response:
    report, _ = await _report(upstream, creditor_id)
    headers = {**PAGE_HEADERS, "Content-Disposition": 'attachment; filename="recouvra-report.xlsx"'}
    return Response(report_xlsx(report, page_language(request)), media_type=XLSX, headers=headers)


async def _report(upstream: Upstream, creditor_id: str) -> tuple[Any, str | None]:
    creditor = str(known_id(creditor_id)) if creditor_id else None
    if creditor is not None:  # intake's 404 when the visitor may not see that creditor (shared.tenancy)
        await upstream.read("intake", f"/api/v1/creditors/{creditor}")
    cases, cut_cases = await _every(upstream, "/api/v1/cases", {"creditor_id": creditor})
    payments, cut_payments = await _every(upstream, "/api/v1/payments", {})
    remittances, cut_remittances = await _every(upstream, "/api/v1/remittances", {})
    report = build_report(
        cases,
        payments,
        remittances,
        creditor_id=creditor,
        truncated=cut_cases or cut_payments or cut_remittances,
    )
    return report, creditor


async def _every(upstream: Upstream, path: str, params: dict[str, Any]) -> tuple[list[dict[str, Any]], bool]:
    """Every item of a paged list, up to MAX_PAGES pages; True when there were more."""
    items: list[dict[str, Any]] = []
    for page in range(MAX_PAGES):
        answer = await upstream.read("intake", path, {**params, "offset": page * PAGE_SIZE, "limit": PAGE_SIZE})
        items += answer["items"]
        if len(items) >= answer["total"] or not answer["items"]:
            return items, False
    return items, True
