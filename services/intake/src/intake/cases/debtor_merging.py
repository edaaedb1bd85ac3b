"""Merging debtors: an agent merges two records the rules did not recognise as one, and can undo it."""

from __future__ import annotations

import uuid

from sqlmodel import Session, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.errors import Conflict
from shared.events.intake_debtors import DebtorUpdated
from shared.outbox import record_event

from intake.cases.models import Case, Invoice
from intake.debtors.models import Debtor
from intake.debtors.records import get_debtor, identity, surviving


def _move_case(session: Session, case: Case, debtor_id: uuid.UUID) -> None:
    invoices = session.exec(select(Invoice).where(Invoice.case_id == case.id)).all()
    for invoice in invoices:
        clash = session.exec(
            select(Invoice).where(
                Invoice.creditor_id == invoice.creditor_id,
                Invoice.debtor_id == debtor_id,
                Invoice.number == invoice.number,
            )
        ).first()
        if clash is not None:
            raise Conflict(
                f"both debtors owe invoice {invoice.number} to the same creditor; resolve the duplicate first",
                message_fr=f"les deux débiteurs doivent la facture {invoice.number} au même créancier ; "
                "réglez d'abord ce doublon",
            )
        invoice.debtor_id = debtor_id
        session.add(invoice)
    case.debtor_id = debtor_id
    session.add(case)


def merge_debtors(
    *, session: Session, keep_id: uuid.UUID, merge_id: uuid.UUID, reason: str, clock: Clock, actor: Principal
) -> Debtor:
    """Cases of `merge_id` move to `keep_id`; the merged record keeps its cases' history (`merged_from`) so the
    merge can be undone."""
    if keep_id == merge_id:
        raise Conflict(
            "a debtor cannot be merged into itself", message_fr="un débiteur ne peut pas être fusionné avec lui-même"
        )
    keep = get_debtor(session=session, debtor_id=keep_id)
    merged = get_debtor(session=session, debtor_id=merge_id)
    if merged.merged_into_id is not None:
        raise Conflict(
            f"debtor {merge_id} is already merged into {merged.merged_into_id}",
            message_fr=f"le débiteur {merge_id} est déjà fusionné avec {merged.merged_into_id}",
        )
    if surviving(session, keep).id == merged.id:
        raise Conflict("this merge would make a loop", message_fr="cette fusion formerait une boucle")
    moved = []
    for case in session.exec(select(Case).where(Case.debtor_id == merged.id)):
        case.merged_from_debtor_id = merged.id
        _move_case(session, case, keep.id)
        moved.append(str(case.id))
    merged.merged_into_id = keep.id
    session.add(merged)
    audit(
        session,
        actor=actor,
        action="debtor.merged",
        entity="debtor",
        entity_id=merged.id,
        clock=clock,
        reason=reason,
        into=str(keep.id),
        cases=moved,
    )
    record_event(
        session,
        DebtorUpdated(debtor=identity(merged), merged_into_id=str(keep.id)),
        clock=clock,
        subject=str(merged.id),
    )
    session.commit()
    return keep


def unmerge_debtor(*, session: Session, debtor_id: uuid.UUID, reason: str, clock: Clock, actor: Principal) -> Debtor:
    merged = get_debtor(session=session, debtor_id=debtor_id)
    if merged.merged_into_id is None:
        raise Conflict(f"debtor {debtor_id} is not merged", message_fr=f"le débiteur {debtor_id} n'est pas fusionné")
    moved = []
    for case in session.exec(select(Case).where(Case.debtor_id == merged.merged_into_id)):
        if case.merged_from_debtor_id == merged.id:
            case.merged_from_debtor_id = None
            _move_case(session, case, merged.id)
            moved.append(str(case.id))
    previous = merged.merged_into_id
    merged.merged_into_id = None
    session.add(merged)
    audit(
        session,
        actor=actor,
        action="debtor.unmerged",
        entity="debtor",
        entity_id=merged.id,
        clock=clock,
        reason=reason,
        was_merged_into=str(previous),
        cases=moved,
    )
    record_event(session, DebtorUpdated(debtor=identity(merged)), clock=clock, subject=str(merged.id))
    session.commit()
    return merged
