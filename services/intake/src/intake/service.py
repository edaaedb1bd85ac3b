"""Intake use cases: one keyword-only function, one transaction, the outbox row inside it."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, func, select

from shared.auth import Principal
from shared.clock import Clock
from shared.events.intake import CreditorRegistered
from shared.outbox import record_event

from intake.errors import CreditorAlreadyExists, CreditorNotFound
from intake.models import Creditor, CreditorCreate


def register_creditor(*, session: Session, creditor_in: CreditorCreate, clock: Clock,
                      creditor_id: uuid.UUID | None = None) -> Creditor:
    if creditor_in.siren and session.exec(select(Creditor).where(Creditor.siren == creditor_in.siren)).first():
        raise CreditorAlreadyExists(f"a creditor with SIREN {creditor_in.siren} already exists", field="siren")
    creditor = Creditor(
        id=creditor_id or uuid.uuid4(), name=creditor_in.name, siren=creditor_in.siren,
        email=str(creditor_in.email) if creditor_in.email else None,
        address=creditor_in.address.model_dump() if creditor_in.address else None, created_at=clock.now(),
    )
    session.add(creditor)
    record_event(
        session,
        CreditorRegistered(creditor_id=str(creditor.id), name=creditor.name, siren=creditor.siren, email=creditor.email),
        clock=clock, subject=str(creditor.id), tenant=str(creditor.id),
    )
    session.commit()
    return creditor


def get_creditor(*, session: Session, creditor_id: uuid.UUID, principal: Principal) -> Creditor:
    creditor = session.get(Creditor, creditor_id)
    if creditor is None or not principal.may_see_creditor(creditor.id):
        raise CreditorNotFound(f"no creditor {creditor_id}")
    return creditor


def list_creditors(*, session: Session, principal: Principal, offset: int, limit: int) -> tuple[list[Creditor], int]:
    query = select(Creditor)
    count = select(func.count()).select_from(Creditor)
    if not principal.is_staff:
        own = uuid.UUID(principal.creditor_id) if principal.creditor_id else uuid.UUID(int=0)
        query = query.where(Creditor.id == own)
        count = count.where(Creditor.id == own)
    items = session.exec(query.order_by(col(Creditor.name)).offset(offset).limit(limit)).all()
    return list(items), session.exec(count).one()
