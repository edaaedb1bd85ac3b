"""Read models of the API, assembled from the tables."""

from __future__ import annotations

from collections import Counter

from sqlmodel import Session, select

from intake.cases import case_invoices, outstanding_of
from intake.domain import Checklist
from intake.models import Case, Debtor, Document
from intake.schemas import CasePublic, ChecklistPublic, DebtorPublic, InvoicePublic


def checklist_view(session: Session, case: Case) -> ChecklistPublic:
    kinds = Counter(session.exec(select(Document.kind).where(Document.case_id == case.id)).all())
    checklist = Checklist(case.contract_signed, case.delivery_evidenced)
    return ChecklistPublic(contract_signed=case.contract_signed, delivery_evidenced=case.delivery_evidenced,
                           complete=checklist.complete, missing=checklist.missing(), documents=dict(kinds))


def case_view(session: Session, case: Case) -> CasePublic:
    debtor = session.get(Debtor, case.debtor_id)
    invoices = case_invoices(session, case.id)
    return CasePublic(
        id=case.id, creditor_id=case.creditor_id, reference=case.reference, kind=case.kind, status=case.status,
        closure_reason=case.closure_reason, debtor=DebtorPublic.model_validate(debtor),
        invoices=[InvoicePublic.model_validate(i) for i in invoices], outstanding=outstanding_of(invoices),
        currency=invoices[0].currency if invoices else "EUR", mandate_id=case.mandate_id, rf_reference=case.rf_reference,
        checklist=checklist_view(session, case), override_reason=case.override_reason,
        claim_deadline=case.claim_deadline,
        metadata={k: v for k, v in case.extra.items() if not k.startswith("_")},
        created_at=case.created_at, updated_at=case.updated_at,
    )
