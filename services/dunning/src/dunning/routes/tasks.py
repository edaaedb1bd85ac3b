"""The agents' call queue: the phone tasks the scenarios put there, and the outcome of each call."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy import func
from sqlmodel import col, select

from shared.deps import ClockDep, SessionDep, StaffDep

from dunning.cases.models import DunningCase
from dunning.responses import calls
from dunning.responses.schemas import CallOutcomeIn
from dunning.steps.models import PhoneTask
from dunning.steps.schemas import PhoneTaskPage, PhoneTaskPublic

router = APIRouter(prefix="/api/v1/dunning/tasks", tags=["dunning calls"])


@router.get("", summary="call tasks, oldest due first")
def list_tasks(
    session: SessionDep,
    staff: StaffDep,
    status: Annotated[str, Query(pattern="^(open|done)$")] = "open",
    case_id: uuid.UUID | None = None,
    callback: Annotated[
        bool | None, Query(description="true: the call-backs debtors asked for; false: the rest")
    ] = None,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> PhoneTaskPage:
    query = select(PhoneTask).where(PhoneTask.status == status)
    if case_id is not None:
        query = query.where(PhoneTask.case_id == case_id)
    if callback is not None:
        phone = col(PhoneTask.callback_phone)
        query = query.where(phone.is_not(None) if callback else phone.is_(None))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    page = query.order_by(col(PhoneTask.due_at)).offset(offset).limit(limit).subquery()
    rows = session.exec(
        select(PhoneTask, DunningCase.reference)
        .join(page, col(page.c.id) == col(PhoneTask.id))
        .join(DunningCase, col(DunningCase.case_id) == col(PhoneTask.case_id), isouter=True)
        .order_by(col(PhoneTask.due_at), col(PhoneTask.id))
    ).all()
    items = [PhoneTaskPublic.model_validate({**t.model_dump(), "case_reference": ref}) for t, ref in rows]
    return PhoneTaskPage(items=items, total=total)


@router.post("/{task_id}/outcome", summary="record how the call went (a promise or a dispute is recorded with it)")
def record_outcome(
    task_id: uuid.UUID,
    outcome_in: CallOutcomeIn,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    staff: StaffDep,
) -> PhoneTaskPublic:
    task = calls.record_call_outcome(
        session=session,
        task_id=task_id,
        outcome_in=outcome_in,
        principal=staff,
        clock=clock,
        balance_due=request.app.state.case_facts.balance_due,
    )
    session.commit()
    return PhoneTaskPublic.model_validate(task.model_dump())
