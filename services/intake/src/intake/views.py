"""Read models of the API, assembled from the tables."""

from __future__ import annotations

import uuid
from collections import Counter

from sqlalchemy import or_
from sqlmodel import Session, col, select

from shared.auth import Principal

from intake.cases import case_invoices, outstanding_of
from intake.debtors import case_insolvency
from intake.domain import Checklist
from intake.models import Case, Debtor, DebtorContact, Document
from intake.schemas import CasePublic, ChecklistPublic, DebtorPublic, InvoicePublic


def checklist_view(session: Session, case: Case) -> ChecklistPublic:
    kinds = Counter(session.exec(select(Document.kind).where(Document.case_id == case.id)).all())
    checklist = Checklist(case.contract_signed, case.delivery_evidenced)
    return ChecklistPublic(contract_signed=case.contract_signed, delivery_evidenced=case.delivery_evidenced,
                           complete=checklist.complete, missing=checklist.missing(), documents=dict(kinds))


def _contact(session: Session, debtor: Debtor, creditor_id: uuid.UUID) -> DebtorContact | None:
    """The creditor's own contact record of this debtor, or of a record merged into it."""
    rows = session.exec(select(DebtorContact, Debtor.id).join(Debtor, col(Debtor.id) == DebtorContact.debtor_id).where(
        DebtorContact.creditor_id == creditor_id,
        or_(col(Debtor.id) == debtor.id, col(Debtor.merged_into_id) == debtor.id))).all()
    return next((contact for contact, owner in rows if owner == debtor.id), rows[0][0] if rows else None)


def debtor_view(session: Session, case: Case, debtor: Debtor, principal: Principal) -> DebtorPublic:
    """Staff see the shared record; a creditor sees the shared identity with only the contact details it
    supplied itself, so one creditor's e-mail, phone or address never reaches another."""
    public = DebtorPublic.model_validate(debtor).model_copy(update={"insolvency": case_insolvency(case, debtor)})
    if principal.is_staff:
        return public
    contact = _contact(session, debtor, case.creditor_id)
    return public.model_copy(update={"email": contact.email if contact else None,
                                     "phone": contact.phone if contact else None,
                                     "address": contact.address if contact else None})


def case_view(session: Session, case: Case, principal: Principal) -> CasePublic:
    debtor = session.get_one(Debtor, case.debtor_id)
    invoices = case_invoices(session, case.id)
    return CasePublic(
        id=case.id, creditor_id=case.creditor_id, reference=case.reference, kind=case.kind, status=case.status,
        closure_reason=case.closure_reason, debtor=debtor_view(session, case, debtor, principal),
        invoices=[InvoicePublic.model_validate(i) for i in invoices], outstanding=outstanding_of(invoices),
        currency=invoices[0].currency if invoices else "EUR", mandate_id=case.mandate_id, rf_reference=case.rf_reference,
        checklist=checklist_view(session, case), override_reason=case.override_reason,
        claim_deadline=case.claim_deadline,
        metadata={k: v for k, v in case.extra.items() if not k.startswith("_")},
        created_at=case.created_at, updated_at=case.updated_at,
    )
