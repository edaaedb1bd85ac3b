from __future__ import annotations

import uuid

from fastapi import APIRouter

from shared.auth import Role
from shared.deps import PrincipalDep, SessionDep
from shared.errors import NotFound

from legal.models import Partner, PartnerPublic

router = APIRouter(prefix="/api/v1/partner", tags=["partner API"])


@router.get("/me", summary="the partner firm the caller signs in for")
def read_own_partner(session: SessionDep, principal: PrincipalDep) -> PartnerPublic:
    if principal.role != Role.BAILIFF or principal.partner_id is None:
        raise NotFound("this route is for partner systems signed in with client credentials")
    partner = session.get(Partner, uuid.UUID(principal.partner_id))
    if partner is None:
        raise NotFound(f"no partner {principal.partner_id}")
    return PartnerPublic.model_validate(partner, from_attributes=True)
