"""Read models of the API, assembled from the tables."""

from __future__ import annotations

from collections import Counter

from sqlmodel import Session, select

from shared.auth import Principal

from intake.cases import case_invoices, outstanding_of
from intake.debtors import all_views, case_insolvency, creditor_view
from intake.domain import Checklist
from intake.models import Case, Debtor, Document
from intake.schemas import CasePublic, ChecklistPublic, DebtorPublic, DebtorViewPublic, InvoicePublic


def checklist_view(session: Session, case: Case) -> ChecklistPublic:
    kinds = Counter(session.exec(select(Document.kind).where(Document.case_id == case.id)).all())
    checklist = Checklist(case.contract_signed, case.delivery_evidenced)
    return ChecklistPublic(
        contract_signed=case.contract_signed,
        delivery_evidenced=case.delivery_evidenced,
        complete=checklist.complete,
        missing=checklist.missing(),
        documents=dict(kinds),
    )


def debtor_view(session: Session, case: Case, debtor: Debtor, principal: Principal) -> DebtorPublic:
    """The debtor as the case's creditor gave it, on the shared identity: another creditor's spelling,
    identifiers or contacts never show in it. Staff also read every creditor's view of the debtor."""
    view = creditor_view(session, debtor, case.creditor_id)
    given = DebtorViewPublic.model_validate(view).model_dump(exclude={"creditor_id"}) if view else {}
    public = DebtorPublic.model_validate(debtor).model_copy(
        update={**given, "insolvency": case_insolvency(case, debtor)}
    )
    if not principal.is_staff:
        return public
    return public.model_copy(update={"views": debtor_record_view(session, debtor).views})


def debtor_record_view(session: Session, debtor: Debtor) -> DebtorPublic:
    """The shared record as staff read it: the identity, with every creditor's view beside it."""
    return DebtorPublic.model_validate(debtor).model_copy(
        update={"views": [DebtorViewPublic.model_validate(v) for v in all_views(session, debtor)]}
    )


def case_view(session: Session, case: Case, principal: Principal) -> CasePublic:
    debtor = session.get_one(Debtor, case.debtor_id)
    invoices = case_invoices(session, case.id)
    return CasePublic(
        id=case.id,
        creditor_id=case.creditor_id,
        reference=case.reference,
        kind=case.kind,
        status=case.status,
        closure_reason=case.closure_reason,
        debtor=debtor_view(session, case, debtor, principal),
        invoices=[InvoicePublic.model_validate(i) for i in invoices],
        outstanding=outstanding_of(invoices),
        currency=invoices[0].currency if invoices else "EUR",
        mandate_id=case.mandate_id,
        rf_reference=case.rf_reference,
        checklist=checklist_view(session, case),
        override_reason=case.override_reason,
        claim_deadline=case.claim_deadline,
        metadata=case.extra,
        created_at=case.created_at,
        updated_at=case.updated_at,
    )
