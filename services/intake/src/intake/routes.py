from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from shared.deps import AdminDep, ClockDep, PrincipalDep, SessionDep

from intake.models import CreditorCreate, CreditorPage, CreditorPublic
from intake.service import get_creditor, list_creditors, register_creditor

router = APIRouter(prefix="/api/v1/creditors", tags=["creditors"])


@router.post("", status_code=status.HTTP_201_CREATED, summary="register a creditor (admin)")
def post_creditor(creditor_in: CreditorCreate, session: SessionDep, clock: ClockDep, admin: AdminDep) -> CreditorPublic:
    return CreditorPublic.model_validate(register_creditor(session=session, creditor_in=creditor_in, clock=clock),
                                         from_attributes=True)


@router.get("", summary="list the creditors the caller may see")
def get_creditors(
    session: SessionDep, principal: PrincipalDep,
    offset: Annotated[int, Query(ge=0)] = 0, limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> CreditorPage:
    items, total = list_creditors(session=session, principal=principal, offset=offset, limit=limit)
    return CreditorPage(items=[CreditorPublic.model_validate(c, from_attributes=True) for c in items], total=total)


@router.get("/{creditor_id}", summary="read a creditor")
def get_one_creditor(creditor_id: uuid.UUID, session: SessionDep, principal: PrincipalDep) -> CreditorPublic:
    return CreditorPublic.model_validate(get_creditor(session=session, creditor_id=creditor_id, principal=principal),
                                         from_attributes=True)
