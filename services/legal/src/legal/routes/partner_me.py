"""The partner API's own firm: which partner the caller signs in for (partner systems, client credentials)."""

from __future__ import annotations

from fastapi import APIRouter

from shared.deps import BailiffDep, SessionDep
from shared.errors import NotFound
from shared.tenancy import partner_filter

from legal.partners.models import Partner
from legal.partners.schemas import PartnerPublic

router = APIRouter(prefix="/api/v1/partner", tags=["partner API"])


@router.get("/me", summary="the partner firm the caller signs in for (partner systems, client credentials)")
def get_own_partner(session: SessionDep, bailiff: BailiffDep) -> PartnerPublic:
    partner_id = partner_filter(bailiff)
    partner = session.get(Partner, partner_id) if partner_id is not None else None
    if partner is None:
        raise NotFound(f"no partner {bailiff.partner_id}", message_fr=f"aucun partenaire {bailiff.partner_id}")
    return PartnerPublic.model_validate(partner, from_attributes=True)
