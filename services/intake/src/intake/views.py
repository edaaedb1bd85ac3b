"""Read models of the API, assembled from the tables."""

from __future__ import annotations

from collections import Counter

from sqlmodel import Session, select

from shared.auth import Principal

from intake.cases.models import Case
from intake.cases.views import case_views
from intake.debtors.models import Debtor
from intake.debtors.records import all_views
from intake.domain import Checklist
from intake.models import Document
from intake.schemas import CasePublic, ChecklistPublic, DebtorPublic, DebtorViewPublic


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


def debtor_record_view(session: Session, debtor: Debtor) -> DebtorPublic:
    """The shared record as staff read it: the identity, with every creditor's view beside it."""
    return DebtorPublic.model_validate(debtor).model_copy(
        update={"views": [DebtorViewPublic.model_validate(v) for v in all_views(session, debtor)]}
    )


def case_view(session: Session, case: Case, principal: Principal) -> CasePublic:
    return case_views(session, [case], principal)[0]
