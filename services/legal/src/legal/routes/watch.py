"""What falls due across the cases legal follows: procedure deadlines and prescription, and the alerts raised."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query
from sqlmodel import col, select

from shared.clock import today_in_paris
from shared.deps import ClockDep, SessionDep, StaffDep

from legal.procedures.models import LegalAlert, LegalCase
from legal.procedures.schemas import AlertPage, AlertPublic, Day, DuePage, DuePublic
from legal.procedures.service.watch import due_items

router = APIRouter(prefix="/api/v1/legal", tags=["legal deadlines"])


@router.get("/deadlines", summary="the deadlines that fall due on or before a day (default: in 30 days), soonest first")
def get_deadlines(
    session: SessionDep, clock: ClockDep, staff: StaffDep, before: Annotated[Day | None, Query()] = None
) -> DuePage:
    today = today_in_paris(clock)
    last = before or today + timedelta(days=30)
    items = [
        DuePublic(
            case_id=item.case.case_id,
            creditor_id=item.case.creditor_id,
            reference=item.case.reference,
            procedure_id=item.procedure_id,
            kind=item.kind,
            due_on=item.due_on,
            rule=item.rule,
            rule_fr=item.rule_fr,
        )
        for item in due_items(session, today=today)
        if item.due_on <= last
    ]
    return DuePage(items=items)


@router.get("/alerts", summary="deadlines flagged by the daily watch (open ones; add resolved=true for all)")
def get_alerts(session: SessionDep, staff: StaffDep, resolved: Annotated[bool, Query()] = False) -> AlertPage:
    query = select(LegalAlert, LegalCase.reference).join(LegalCase, col(LegalCase.case_id) == col(LegalAlert.case_id))
    if not resolved:
        query = query.where(col(LegalAlert.resolved_on).is_(None))
    rows = session.exec(query.order_by(col(LegalAlert.due_on), col(LegalAlert.id)).limit(1000)).all()
    return AlertPage(
        items=[AlertPublic.model_validate({**alert.model_dump(), "reference": reference}) for alert, reference in rows]
    )
