"""The partners the agency works with: staff register credit insurers and factors (a policy or a factoring contract
then names one), correct or set them aside, and list them. Only an admin registers a bailiff firm: it also needs its
API client in the portal (client credentials, POST /api/v1/api-clients), which the admin creates with it; its name
and its standing are not changed here."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import func
from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal, Role
from shared.clock import Clock
from shared.errors import Conflict, Forbidden, NotFound
from shared.limits import Name

from legal.insurance.partners import KIND_FR
from legal.partners.models import Partner
from legal.partners.schemas import PartnerPublic

RegisteredKind = Literal["insurer", "factor", "bailiff"]


class PartnerIn(BaseModel):
    kind: RegisteredKind = Field(
        description="insurer (credit insurer), factor (factoring company) or bailiff (a commissaire de justice's "
        "firm: admins only, its API client is then created in the portal)"
    )
    name: Name = Field(max_length=200, examples=["Allianz Trade France"])


class PartnerChange(BaseModel):
    name: Name | None = Field(default=None, max_length=200, description="the partner's name, corrected")
    active: bool | None = Field(
        default=None,
        description="false: no new policy or contract may name it (those on file keep it); true: it may again",
    )


class PartnerPage(BaseModel):
    items: list[PartnerPublic]
    total: int


def _same_name(session: Session, kind: str, name: str) -> Partner | None:
    return session.exec(
        select(Partner).where(Partner.kind == kind, func.lower(Partner.name) == name.strip().lower())
    ).first()


def register_partner(*, session: Session, partner_in: PartnerIn, principal: Principal, clock: Clock) -> Partner:
    """One partner per kind and name (letter case aside): registering it again is refused, naming the first. A
    bailiff firm is registered by an admin only (its API client, created with it, reaches the firm's missions)."""
    if partner_in.kind == "bailiff" and principal.role != Role.ADMIN:
        raise Forbidden(
            "only an admin registers a bailiff firm",
            message_fr="seul un administrateur enregistre une étude de commissaire de justice",
        )
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


def change_partner(
    *, session: Session, partner_id: uuid.UUID, change: PartnerChange, principal: Principal, clock: Clock
) -> Partner:
    """A credit insurer's or a factor's name corrected, or the partner set aside (or back); a bailiff firm's are
    the admins' with its API client."""
    partner = get_partner(session=session, partner_id=partner_id)
    if partner.kind not in ("insurer", "factor"):
        raise Conflict(
            f"partner {partner.name} is a {partner.kind}: only insurers and factors are changed here",
            field="partner_id",
            message_fr=f"le partenaire {partner.name} n'est ni un assureur-crédit ni un factor : il ne se modifie "
            "pas ici",
        )
    if change.name is not None and change.name.strip().lower() != partner.name.lower():
        existing = _same_name(session, partner.kind, change.name)
        if existing is not None:
            raise Conflict(
                f"the {partner.kind} {existing.name} is already registered ({existing.id})",
                field="name",
                message_fr=f"le partenaire {KIND_FR[partner.kind]} {existing.name} est déjà enregistré ({existing.id})",
            )
    before = {"name": partner.name, "active": partner.active}
    if change.name is not None:
        partner.name = change.name.strip()
    if change.active is not None:
        partner.active = change.active
    session.add(partner)
    audit(
        session,
        actor=principal,
        action="partner.changed",
        entity="partner",
        entity_id=partner.id,
        clock=clock,
        before=before,
        after={"name": partner.name, "active": partner.active},
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
