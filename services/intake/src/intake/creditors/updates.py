"""Corrections to a creditor's registration, and the remittance account it is read back with."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session, col, select

from shared.audit import AuditEntry, audit
from shared.auth import Principal
from shared.clock import Clock
from shared.events.intake import CreditorUpdated
from shared.outbox import record_event

from intake.creditors.models import Creditor
from intake.creditors.registry import get_creditor
from intake.creditors.schemas import CreditorDetail, CreditorPublic, CreditorUpdate, RemittanceAccountPublic

# The SEPA transfer's creditor name (pain.001 Cdtr/Nm) holds 70 characters at most.
HOLDER_NAME_LENGTH = 70


def update_creditor(
    *, session: Session, creditor_id: uuid.UUID, creditor_in: CreditorUpdate, principal: Principal, clock: Clock
) -> Creditor:
    """Only the fields given change; nothing is written, announced or audited when none of them does."""
    creditor = get_creditor(session=session, creditor_id=creditor_id, principal=principal)
    given = creditor_in.model_dump(mode="json", exclude_unset=True)
    before = {name: getattr(creditor, name) for name in given}
    changed = {name: value for name, value in given.items() if before[name] != value}
    if not changed:
        return creditor
    creditor.sqlmodel_update(changed)
    session.add(creditor)
    record_event(
        session,
        CreditorUpdated(creditor_id=str(creditor.id), name=creditor.name, email=creditor.email),
        clock=clock,
        subject=str(creditor.id),
        tenant=str(creditor.id),
    )
    audit(
        session,
        actor=principal,
        action="creditor.updated",
        entity="creditor",
        entity_id=creditor.id,
        clock=clock,
        before={name: before[name] for name in changed},
        after=changed,
    )
    session.commit()
    return creditor


def mask_iban(iban: str) -> str:
    """Country code and last 4 characters shown, the rest starred, in the usual groups of four."""
    compact = iban.replace(" ", "")
    masked = compact[:2] + "*" * (len(compact) - 6) + compact[-4:]
    return " ".join(masked[start : start + 4] for start in range(0, len(masked), 4))


def creditor_detail(session: Session, creditor: Creditor) -> CreditorDetail:
    public: dict[str, Any] = CreditorPublic.model_validate(creditor, from_attributes=True).model_dump()
    return CreditorDetail(**public, bank_account=_remittance_account(session, creditor))


def _remittance_account(session: Session, creditor: Creditor) -> RemittanceAccountPublic | None:
    if not creditor.iban:
        return None
    recorded = session.exec(
        select(AuditEntry.at)
        .where(
            AuditEntry.entity == "creditor",
            AuditEntry.entity_id == str(creditor.id),
            AuditEntry.action == "creditor.bank_account_changed",
        )
        .order_by(col(AuditEntry.at).desc())
    ).first()
    return RemittanceAccountPublic(
        iban=mask_iban(creditor.iban),
        bic=creditor.bic,
        holder_name=creditor.name[:HOLDER_NAME_LENGTH],
        set_at=recorded,
    )
