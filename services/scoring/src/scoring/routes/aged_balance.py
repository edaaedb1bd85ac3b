"""GET /api/v1/aged-balance: the balance âgée of a creditor (or of the whole portfolio for staff), as of a date,
in one currency (EUR by default: amounts in different currencies are never added up)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from shared.clock import today_in_paris
from shared.deps import ClockDep, CreditorOrStaffDep, SessionDep
from shared.limits import MAX_PAGE_SIZE, LimitQuery, OffsetQuery
from shared.tenancy import creditor_filter

from scoring.aged_balance.balances import aged_balance, aged_balance_by_debtor
from scoring.aged_balance.exports import Dialect, Labels, sheet_title, to_csv, to_xlsx
from scoring.aged_balance.schemas import AgedBalanceByDebtorPublic, AgedBalancePublic, DebtorAgedBalancePublic
from scoring.deps import MAX_EXPORT_ROWS, AsOfDep, CurrencyDep, ExportLimitQuery, LimitsDep

router = APIRouter(prefix="/api/v1/aged-balance", tags=["aged balance"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TOTAL_COUNT = {"X-Total-Count": {"description": "how many debtors there are in all", "schema": {"type": "integer"}}}


@router.get("", summary="aged balance as of a date (today by default), in one currency")
def get_aged_balance(
    session: SessionDep,
    principal: CreditorOrStaffDep,
    clock: ClockDep,
    limits: LimitsDep,
    as_of: AsOfDep,
    currency: CurrencyDep,
    creditor_id: uuid.UUID | None = None,
    debtor_id: uuid.UUID | None = None,
) -> AgedBalancePublic:
    scope = creditor_filter(principal, creditor_id)
    balance = aged_balance(
        session=session,
        as_of=as_of or today_in_paris(clock),
        limits=limits,
        currency=currency,
        creditor_id=scope,
        debtor_id=debtor_id,
    )
    return AgedBalancePublic.of(
        balance,
        currency=currency,
        creditor_id=str(scope) if scope else None,
        debtor_id=str(debtor_id) if debtor_id else None,
    )


@router.get("/debtors", summary="aged balance per debtor, the largest total first, a page at a time")
def get_aged_balance_by_debtor(
    session: SessionDep,
    principal: CreditorOrStaffDep,
    clock: ClockDep,
    limits: LimitsDep,
    as_of: AsOfDep,
    currency: CurrencyDep,
    creditor_id: uuid.UUID | None = None,
    offset: OffsetQuery = 0,
    limit: LimitQuery = MAX_PAGE_SIZE,
) -> AgedBalanceByDebtorPublic:
    scope = creditor_filter(principal, creditor_id)
    day = as_of or today_in_paris(clock)
    page = aged_balance_by_debtor(
        session=session, as_of=day, limits=limits, currency=currency, creditor_id=scope, offset=offset, limit=limit
    )
    items = [
        DebtorAgedBalancePublic(
            **AgedBalancePublic.of(line.balance, currency=currency, debtor_id=str(line.debtor_id)).model_dump(),
            name=line.name,
        )
        for line in page.lines
    ]
    return AgedBalanceByDebtorPublic(as_of=day, currency=currency, items=items, total=page.total, debtors=page.debtors)


@router.get(
    "/export",
    summary="aged balance per debtor as a CSV or XLSX file, at most 10 000 debtors a file (X-Total-Count: all)",
    response_class=Response,
    responses={200: {"headers": TOTAL_COUNT}},
)
def export_aged_balance(
    session: SessionDep,
    principal: CreditorOrStaffDep,
    clock: ClockDep,
    limits: LimitsDep,
    as_of: AsOfDep,
    currency: CurrencyDep,
    format: Literal["csv", "xlsx"] = "csv",
    dialect: Dialect = "fr",
    labels: Annotated[
        Labels, Query(description="the first row: column keys (for a program), or headings in French or English")
    ] = "keys",
    creditor_id: uuid.UUID | None = None,
    offset: OffsetQuery = 0,
    limit: ExportLimitQuery = MAX_EXPORT_ROWS,
) -> Response:
    scope = creditor_filter(principal, creditor_id)
    day = as_of or today_in_paris(clock)
    page = aged_balance_by_debtor(
        session=session, as_of=day, limits=limits, currency=currency, creditor_id=scope, offset=offset, limit=limit
    )
    lines = page.lines
    name = f"aged-balance-{currency}-{day.isoformat()}.{format}"
    headers = {
        "Content-Disposition": f'attachment; filename="{name}"',
        "X-Content-Type-Options": "nosniff",
        "X-Total-Count": str(page.debtors),
    }
    if format == "xlsx":
        workbook = to_xlsx(lines, limits, currency=currency, title=sheet_title(day, labels), labels=labels)
        return Response(workbook, media_type=XLSX, headers=headers)
    return Response(
        to_csv(lines, limits, currency=currency, dialect=dialect, labels=labels),
        media_type="text/csv; charset=utf-8",
        headers=headers,
    )
