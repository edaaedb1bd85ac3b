"""Creditors (the agency's clients, the tenants) and their mandates."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.events.intake import CreditorRegistered, MandateSigned
from shared.outbox import record_event
from shared.tenancy import check_visible, creditor_filter

from intake.api.paging import page_of
from intake.creditors.models import Creditor, Mandate
from intake.creditors.schemas import CreditorCreate, MandateCreate
from intake.errors import CreditorAlreadyExists, CreditorNotFound
from intake.rates.table import refuse_rate_below_floor


def register_creditor(
    *,
    session: Session,
    creditor_in: CreditorCreate,
    clock: Clock,
    actor: Principal | None,
    creditor_id: uuid.UUID | None = None,
) -> Creditor:
    if creditor_in.siren and session.exec(select(Creditor).where(Creditor.siren == creditor_in.siren)).first():
        raise _siren_taken(creditor_in.siren)
    creditor = Creditor(
        id=creditor_id or uuid.uuid4(),
        name=creditor_in.name,
        siren=creditor_in.siren,
        email=str(creditor_in.email) if creditor_in.email else None,
        address=creditor_in.address.model_dump() if creditor_in.address else None,
        created_at=clock.now(),
    )
    # The unique SIREN is checked at the first flush, which record_event's NOTIFY may already cause.
    try:
        session.add(creditor)
        record_event(
            session,
            CreditorRegistered(
                creditor_id=str(creditor.id), name=creditor.name, siren=creditor.siren, email=creditor.email
            ),
            clock=clock,
            subject=str(creditor.id),
            tenant=str(creditor.id),
        )
        audit(session, actor=actor, action="creditor.registered", entity="creditor", entity_id=creditor.id, clock=clock)
        session.commit()
    except IntegrityError as exc:  # a concurrent request registered the same SIREN first
        session.rollback()
        if not creditor_in.siren:
            raise
        raise _siren_taken(creditor_in.siren) from exc
    return creditor


def _siren_taken(siren: str | None) -> CreditorAlreadyExists:
    return CreditorAlreadyExists(
        f"siren: a creditor with SIREN {siren} already exists",
        field="siren",
        message_fr=f"siren : un créancier de SIREN {siren} existe déjà",
    )


def get_creditor(*, session: Session, creditor_id: uuid.UUID, principal: Principal) -> Creditor:
    def missing() -> CreditorNotFound:
        return CreditorNotFound(f"no creditor {creditor_id}", message_fr=f"aucun créancier {creditor_id}")

    creditor = session.get(Creditor, creditor_id)
    if creditor is None:
        raise missing()
    check_visible(principal, creditor_id=creditor.id, missing=missing)
    return creditor


def list_creditors(*, session: Session, principal: Principal, offset: int, limit: int) -> tuple[list[Creditor], int]:
    query = select(Creditor)
    count = select(func.count()).select_from(Creditor)
    scope = creditor_filter(principal)
    if scope is not None:
        query = query.where(Creditor.id == scope)
        count = count.where(Creditor.id == scope)
    items = session.exec(query.order_by(col(Creditor.name)).offset(offset).limit(limit)).all()
    return list(items), session.exec(count).one()


def sign_mandate(
    *,
    session: Session,
    creditor_id: uuid.UUID,
    mandate_in: MandateCreate,
    clock: Clock,
    actor: Principal | None,
    mandate_id: uuid.UUID | None = None,
) -> Mandate:
    """The latest mandate applies to new cases; earlier ones stay attached to the cases opened under them."""
    if session.get(Creditor, creditor_id) is None:
        raise CreditorNotFound(f"no creditor {creditor_id}", message_fr=f"aucun créancier {creditor_id}")
    signed_on = max(mandate_in.signed_on or date.min, today_in_paris(clock))
    refuse_rate_below_floor(session, mandate_in.penalty_rate, signed_on)
    for previous in session.exec(select(Mandate).where(Mandate.creditor_id == creditor_id, col(Mandate.active))):
        previous.active = False
    mandate = Mandate(
        id=mandate_id or uuid.uuid4(),
        creditor_id=creditor_id,
        created_at=clock.now(),
        **mandate_in.model_dump(exclude={"fixed_fee", "min_instalment"}),
        fixed_fee=mandate_in.fixed_fee,
        min_instalment=mandate_in.min_instalment,
    )
    session.add(mandate)
    record_event(
        session,
        MandateSigned(
            mandate_id=str(mandate.id),
            creditor_id=str(creditor_id),
            commission_rate=mandate.commission_rate,
            phases=list(mandate.phases),
            scenario=mandate.scenario,
            max_instalments=mandate.max_instalments,
            min_instalment=mandate.min_instalment,
            max_plan_months=mandate.max_plan_months,
            settlement_floor=mandate.settlement_floor,
        ),
        clock=clock,
        subject=str(creditor_id),
        tenant=str(creditor_id),
    )
    audit(
        session,
        actor=actor,
        action="mandate.signed",
        entity="creditor",
        entity_id=creditor_id,
        clock=clock,
        mandate_id=str(mandate.id),
    )
    session.commit()
    return mandate


def active_mandate(session: Session, creditor_id: uuid.UUID) -> Mandate | None:
    return session.exec(
        select(Mandate)
        .where(Mandate.creditor_id == creditor_id, col(Mandate.active))
        .order_by(col(Mandate.created_at).desc())
    ).first()


def list_mandates(
    *, session: Session, creditor_id: uuid.UUID, principal: Principal, offset: int, limit: int
) -> tuple[list[Mandate], int]:
    get_creditor(session=session, creditor_id=creditor_id, principal=principal)
    query = (
        select(Mandate)
        .where(Mandate.creditor_id == creditor_id)
        .order_by(col(Mandate.created_at).desc(), col(Mandate.id))
    )
    return page_of(session, query, offset=offset, limit=limit)
