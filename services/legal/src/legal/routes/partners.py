"""Staff register the credit insurers and factors the agency works with (an admin also a bailiff firm), correct or
set aside an insurer or a factor, and list every partner. Thin: parse, call one service function, commit, answer."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from shared.auth import Principal, Role
from shared.deps import ClockDep, SessionDep, StaffDep, require_roles
from shared.limits import LimitQuery, OffsetQuery

from legal.insurance import partner_registry
from legal.insurance.partner_registry import PartnerChange, PartnerIn, PartnerPage
from legal.partners.schemas import PartnerPublic

router = APIRouter(prefix="/api/v1/legal/partners", tags=["legal partners"])
ManagerDep = Annotated[Principal, Depends(require_roles(Role.SUPERVISOR, Role.ADMIN))]


@router.post(
    "",
    status_code=201,
    summary="register a credit insurer or a factor (supervisor or admin), or a bailiff firm (admin only); 409 when "
    "one of that kind and name exists",
    description="A policy or a factoring contract then names the insurer or the factor. A bailiff firm registered "
    "here has no access yet: the admin then creates its API client in the portal (POST /api/v1/api-clients with "
    "the partner's id), whose client credentials reach the firm's missions. A supervisor who registers a bailiff "
    "firm is refused (403).",
    responses={403: {"description": "not a supervisor or an admin, or a bailiff firm registered by a non-admin"}},
)
def post_partner(partner_in: PartnerIn, session: SessionDep, clock: ClockDep, manager: ManagerDep) -> PartnerPublic:
    partner = partner_registry.register_partner(session=session, partner_in=partner_in, principal=manager, clock=clock)
    session.commit()
    return PartnerPublic.model_validate(partner, from_attributes=True)


@router.get("", summary="the agency's partners (bailiff firms, credit insurers, factors), by kind then name")
def get_partners(
    session: SessionDep,
    staff: StaffDep,
    kind: Annotated[Literal["bailiff", "insurer", "factor"] | None, Query()] = None,
    offset: OffsetQuery = 0,
    limit: LimitQuery = 50,
) -> PartnerPage:
    return partner_registry.list_partners(session=session, kind=kind, offset=offset, limit=limit)


@router.get("/{partner_id}", summary="one partner of the agency")
def get_partner(partner_id: uuid.UUID, session: SessionDep, staff: StaffDep) -> PartnerPublic:
    partner = partner_registry.get_partner(session=session, partner_id=partner_id)
    return PartnerPublic.model_validate(partner, from_attributes=True)


@router.patch(
    "/{partner_id}",
    summary="correct a credit insurer's or a factor's name, or set it aside (no new policy or contract names it) or "
    "back; 409 for a bailiff firm",
)
def patch_partner(
    partner_id: uuid.UUID, change: PartnerChange, session: SessionDep, clock: ClockDep, manager: ManagerDep
) -> PartnerPublic:
    partner = partner_registry.change_partner(
        session=session, partner_id=partner_id, change=change, principal=manager, clock=clock
    )
    session.commit()
    return PartnerPublic.model_validate(partner, from_attributes=True)
