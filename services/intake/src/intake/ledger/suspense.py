"""The suspense queue: bank credits no case claimed, until an agent assigns or sets them aside."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.errors import Conflict, Invalid, NotFound

from intake.api.paging import page_of
from intake.cases.records import get_case
from intake.documents.storage import DocumentStore
from intake.errors import field_error
from intake.ledger.models import BankCredit
from intake.ledger.reconciliation import pay_credit
from intake.ledger.schemas import SuspenseResolveIn


def list_suspense(session: Session, *, offset: int, limit: int) -> tuple[list[BankCredit], int]:
    query = (
        select(BankCredit)
        .where(BankCredit.status == "suspense")
        .order_by(col(BankCredit.booking_date), col(BankCredit.entry_reference), col(BankCredit.id))
    )
    return page_of(session, query, offset=offset, limit=limit)


def resolve_suspense(
    *,
    session: Session,
    credit_id: uuid.UUID,
    resolution: SuspenseResolveIn,
    principal: Principal,
    clock: Clock,
    store: DocumentStore,
) -> BankCredit:
    """Assigns the credit to a case (it becomes a payment to the agency) or sets it aside with a reason."""
    # Locked before its status is read: two agents assigning one credit at once would otherwise both see it in
    # suspense and record two payments from one bank credit; the second waits, then reads it assigned.
    row = session.get(BankCredit, credit_id, with_for_update=True, populate_existing=True)
    if row is None:
        raise NotFound(f"no bank credit {credit_id}", message_fr=f"aucun crédit bancaire {credit_id}")
    if row.status != "suspense":
        raise Conflict(
            f"bank credit {row.entry_reference} is already {row.status}",
            message_fr=f"le crédit bancaire {row.entry_reference} est déjà traité (« {row.status} »)",
        )
    if (resolution.case_id is None) == (resolution.dismiss_reason is None):
        raise field_error(
            Invalid,
            "case_id",
            "give either the case the credit pays, or a dismiss_reason",
            "indiquez soit le dossier que ce crédit paie, soit un motif de mise à l'écart (dismiss_reason)",
        )
    if resolution.case_id is not None:
        case = get_case(session=session, case_id=resolution.case_id, principal=principal)
        pay_credit(session, row, case, principal=principal, clock=clock, store=store)
        if row.status != "matched":
            session.rollback()
            raise Conflict(
                f"case_id: {row.explanation.rsplit('not recorded: ', 1)[-1]}",
                field="case_id",
                message_fr=f"case_id : {(row.explanation_fr or '').rsplit('non enregistré : ', 1)[-1]}",
            )
        row.status, row.resolution_note = "resolved", f"assigned to case {case.reference} by {principal.subject}"
    else:
        row.status, row.resolution_note = "dismissed", resolution.dismiss_reason
    row.resolved_by, row.resolved_at = principal.subject, clock.now()
    session.add(row)
    audit(
        session,
        actor=principal,
        action=f"suspense.{row.status}",
        entity="bank_credit",
        entity_id=row.id,
        clock=clock,
        reason=row.resolution_note,
        case_id=str(row.case_id) if row.case_id else None,
    )
    session.commit()
    return row
