"""GET /api/v1/worklist: open cases by priority, for agents (and for a creditor, its own cases)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from shared.clock import today_in_paris
from shared.deps import ClockDep, CreditorOrStaffDep, SessionDep, StaffDep
from shared.tenancy import creditor_filter

from scoring.deps import AgentDep, LimitsDep, PageDep
from scoring.domain.aging import NOT_DUE, bucket_for_due_date, bucket_labels, days_past_due
from scoring.domain.currency import EUR
from scoring.portfolio.models import ScoringCase, ScoringDebtor
from scoring.worklist.listing import WorklistFilter, assign_case, case_currencies, worklist
from scoring.worklist.schemas import AssignmentIn, WorklistItem, WorklistPublic

router = APIRouter(prefix="/api/v1/worklist", tags=["worklist"])


def _item(
    case: ScoringCase, debtor: ScoringDebtor, *, currency: str, today: date, limits: tuple[int, ...], staff: bool
) -> WorklistItem:
    overdue = max(0, days_past_due(case.oldest_due_date, today)) if case.oldest_due_date else 0
    index = bucket_for_due_date(case.oldest_due_date, today, limits) if case.oldest_due_date else NOT_DUE
    return WorklistItem(
        case_id=str(case.case_id),
        reference=case.reference,
        creditor_id=str(case.creditor_id),
        debtor_id=str(case.debtor_id),
        debtor_name=debtor.name,
        priority=case.priority or 0,
        band=case.band,
        probability=case.probability,
        grade=case.grade,
        outstanding=case.outstanding,
        currency=currency,
        oldest_due_date=case.oldest_due_date,
        days_past_due=overdue,
        bucket="not_due" if index == NOT_DUE else bucket_labels(limits)[index],
        agent=case.agent,
        # the exposure is what the debtor owes every creditor: a creditor does not learn of the others from it
        exposure_alert=debtor.exposure_alert if staff else None,
    )


@router.get("", summary="prioritised open cases, paged and filtered")
def get_worklist(
    session: SessionDep,
    principal: CreditorOrStaffDep,
    clock: ClockDep,
    limits: LimitsDep,
    creditor_id: uuid.UUID | None = None,
    grade: Annotated[str | None, Query(pattern="^[A-Ea-e]$")] = None,
    band: Annotated[str | None, Query(pattern="^[Pp][1-4]$")] = None,
    bucket: Annotated[str | None, Query(description="not_due, 0-30, 31-60, 61-90 or 90+")] = None,
    agent: AgentDep = None,
    page: PageDep = 1,
    page_size: Annotated[int, Query(ge=1, le=200)] = 50,
) -> WorklistPublic:
    today = today_in_paris(clock)
    filters = WorklistFilter(
        creditor_id=creditor_filter(principal, creditor_id), grade=grade, band=band, bucket=bucket, agent=agent
    )
    rows, total = worklist(
        session=session, filters=filters, today=today, limits=limits, offset=(page - 1) * page_size, limit=page_size
    )
    currencies = case_currencies(session=session, case_ids=[case.case_id for case, _ in rows])
    items = [
        _item(
            case,
            debtor,
            currency=currencies.get(case.case_id, EUR),
            today=today,
            limits=limits,
            staff=principal.is_staff,
        )
        for case, debtor in rows
    ]
    return WorklistPublic(items=items, total=total, page=page, page_size=page_size)


@router.put("/{case_id}/agent", summary="assign a case to an agent (null to unassign)")
def put_assignment(
    case_id: uuid.UUID, body: AssignmentIn, session: SessionDep, staff: StaffDep, clock: ClockDep
) -> dict[str, str | None]:
    case = assign_case(session=session, case_id=case_id, agent=body.agent, actor=staff, clock=clock)
    return {"case_id": str(case.case_id), "agent": case.agent}
