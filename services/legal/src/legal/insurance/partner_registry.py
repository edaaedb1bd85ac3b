"""The credit insurers and factors the agency works with: staff register them (a policy or a factoring contract
then names one) and list them. A bailiff firm is not registered here: it also needs its API client in the portal
(client credentials), which an admin creates with it."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import func
from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.errors import Conflict, NotFound
from shared.limits import Name

from legal.insurance.partners import KIND_FR
from legal.models import Partner, PartnerPublic

RegisteredKind = Literal["insurer", "factor"]


class PartnerIn(BaseModel):
    kind: RegisteredKind = Field(description="insurer (credit insurer) or factor (factoring company)")
    name: Name = Field(max_length=200, examples=["Allianz Trade France"])


class PartnerPage(BaseModel):
    items: list[PartnerPublic]
    total: int


def _same_name(session: Session, kind: str, name: str) -> Partner | None:
    return session.exec(
        select(Partner).where(Partner.kind == kind, func.lower(Partner.name) == name.strip().lower())
    ).first()


def register_partner(*, session: Session, partner_in: PartnerIn, principal: Principal, clock: Clock) -> Partner:
    """One partner per kind and name (letter case aside): registering it again is refused, naming the first."""
    name = partner_in.name.strip()
    existing = _same_name(session, partner_in.kind, name)
    if existing is not None:
        raise Conflict(
            f"the {partner_in.kind} {existing.name} is already registered ({existing.id})",
            field="name",
            message_fr=f"le partenaire {KIND_FR[partner_in.kind]} {existing.name} est déjà enregistré ({existing.id})",
        )
    partner = Partner(kind=partner_in.kind, name=name, created_at=clock.now())
    session.add(partner)
    session.flush()
    audit(
        session,
        actor=principal,
        action="partner.registered",
        entity="partner",
        entity_id=partner.id,
        clock=clock,
        kind=partner.kind,
        name=partner.name,
    )
    return partner


def list_partners(*, session: Session, kind: str | None, offset: int, limit: int) -> PartnerPage:
    query = select(Partner)
    if kind is not None:
        query = query.where(Partner.kind == kind)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(
        query.order_by(col(Partner.kind), col(Partner.name), col(Partner.id)).offset(offset).limit(limit)
    )
    return PartnerPage(items=[PartnerPublic.model_validate(p, from_attributes=True) for p in rows], total=total)


def get_partner(*, session: Session, partner_id: uuid.UUID) -> Partner:
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise NotFound(f"no partner {partner_id}", message_fr=f"aucun partenaire {partner_id}")
    return partner
