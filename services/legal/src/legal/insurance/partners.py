"""The partner a policy or a contract names must be one the agency works with, of the right kind."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from shared.errors import Invalid

from legal.partners.models import Partner

KIND_FR = {
    "insurer": "assureur-crédit",
    "factor": "factor (société d'affacturage)",
    "bailiff": "étude de commissaire de justice",
}


def partner_of_kind(session: Session, partner_id: uuid.UUID, kind: str, *, field: str) -> Partner:
    partner = session.get(Partner, partner_id)
    if partner is None or partner.kind != kind or not partner.active:
        raise Invalid(
            f"{field}: {partner_id} is not an active {kind} partner of the agency",
            field=field,
            message_fr=f"{field} : {partner_id} n'est pas un partenaire actif de type {KIND_FR.get(kind, kind)}",
        )
    return partner


def partner_name(session: Session, partner_id: uuid.UUID) -> str:
    partner = session.get(Partner, partner_id)
    return partner.name if partner is not None else str(partner_id)
