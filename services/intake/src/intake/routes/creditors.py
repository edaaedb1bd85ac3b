from __future__ import annotations

import uuid

from fastapi import APIRouter, status

from shared.deps import AdminDep, ClockDep, CreditorOrStaffDep, SessionDep
from shared.limits import MAX_PAGE_SIZE, LimitQuery, OffsetQuery

from intake.cases.mandate_claims import MandateClaims, mandate_claims
from intake.creditors.registry import get_creditor, list_creditors, list_mandates, register_creditor, sign_mandate
from intake.creditors.schemas import (
    CreditorCreate,
    CreditorDetail,
    CreditorPage,
    CreditorPublic,
    CreditorUpdate,
    MandateCreate,
    MandatePage,
    MandatePublic,
)
from intake.creditors.updates import creditor_detail, update_creditor

router = APIRouter(prefix="/api/v1/creditors", tags=["creditors"])


def _public(creditor: object) -> CreditorPublic:
    return CreditorPublic.model_validate(creditor, from_attributes=True)


@router.post("", status_code=status.HTTP_201_CREATED, summary="register a creditor (admin)")
def post_creditor(creditor_in: CreditorCreate, session: SessionDep, clock: ClockDep, admin: AdminDep) -> CreditorPublic:
    return _public(register_creditor(session=session, creditor_in=creditor_in, clock=clock, actor=admin))


@router.get("", summary="list the creditors the caller may see")
def get_creditors(
    session: SessionDep,
    principal: CreditorOrStaffDep,
    offset: OffsetQuery = 0,
    limit: LimitQuery = 50,
) -> CreditorPage:
    items, total = list_creditors(session=session, principal=principal, offset=offset, limit=limit)
    return CreditorPage(items=[_public(c) for c in items], total=total)


@router.get("/{creditor_id}", summary="read a creditor, with its remittance account (IBAN masked)")
def get_one_creditor(creditor_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> CreditorDetail:
    return creditor_detail(session, get_creditor(session=session, creditor_id=creditor_id, principal=principal))


@router.patch("/{creditor_id}", summary="correct a creditor's name, e-mail or address (admin); the SIREN stays")
def patch_creditor(
    creditor_id: uuid.UUID, creditor_in: CreditorUpdate, session: SessionDep, clock: ClockDep, admin: AdminDep
) -> CreditorDetail:
    creditor = update_creditor(
        session=session, creditor_id=creditor_id, creditor_in=creditor_in, principal=admin, clock=clock
    )
    return creditor_detail(session, creditor)


@router.post(
    "/{creditor_id}/mandates",
    status_code=status.HTTP_201_CREATED,
    summary="record the creditor's signed mandate (R124-3 CPCE); the latest applies to new cases",
)
def post_mandate(
    creditor_id: uuid.UUID, mandate_in: MandateCreate, session: SessionDep, clock: ClockDep, admin: AdminDep
) -> MandatePublic:
    mandate = sign_mandate(session=session, creditor_id=creditor_id, mandate_in=mandate_in, clock=clock, actor=admin)
    return MandatePublic.model_validate(mandate)


@router.get("/{creditor_id}/mandates", summary="the creditor's mandates, latest first")
def get_mandates(
    creditor_id: uuid.UUID,
    session: SessionDep,
    principal: CreditorOrStaffDep,
    offset: OffsetQuery = 0,
    limit: LimitQuery = MAX_PAGE_SIZE,
) -> MandatePage:
    items, total = list_mandates(
        session=session, creditor_id=creditor_id, principal=principal, offset=offset, limit=limit
    )
    return MandatePage(items=[MandatePublic.model_validate(m) for m in items], total=total)


@router.get(
    "/{creditor_id}/mandates/{mandate_id}/claims",
    summary="the claims placed under a mandate, each component apart (R124-3 1° CPCE)",
)
def get_mandate_claims(
    creditor_id: uuid.UUID, mandate_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep
) -> MandateClaims:
    return mandate_claims(session=session, creditor_id=creditor_id, mandate_id=mandate_id, principal=principal)
