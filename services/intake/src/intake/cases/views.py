"""The API's read model of cases, a page at a time: what the page's cases show (debtors, invoices, each creditor's
view of its debtor, documents) is read with one query per kind for the whole page, not per case (issue 17: a
page of 20 cases took about a hundred queries). `case_view` reads one case through the same code."""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Sequence

from sqlalchemy import or_
from sqlmodel import Session, col, select

from shared.auth import Principal

from intake.cases.models import Case, Invoice
from intake.cases.records import case_insolvency, outstanding_of
from intake.cases.schemas import CasePublic, ChecklistPublic, InvoicePublic
from intake.debtors.models import Debtor, DebtorView
from intake.debtors.schemas import DebtorPublic, DebtorViewPublic
from intake.documents.models import Document
from intake.domain import Checklist

ViewRow = tuple[DebtorView, uuid.UUID, uuid.UUID | None]  # the view, its record, the record it was merged into


def case_views(session: Session, cases: Sequence[Case], principal: Principal) -> list[CasePublic]:
    if not cases:
        return []
    case_ids = [case.id for case in cases]
    debtor_ids = list({case.debtor_id for case in cases})
    debtors = {d.id: d for d in session.exec(select(Debtor).where(col(Debtor.id).in_(debtor_ids))).all()}
    invoices: dict[uuid.UUID, list[Invoice]] = defaultdict(list)
    for invoice in session.exec(
        select(Invoice).where(col(Invoice.case_id).in_(case_ids)).order_by(col(Invoice.due_date), col(Invoice.number))
    ).all():
        invoices[invoice.case_id].append(invoice)
    documents: dict[uuid.UUID, Counter[str]] = defaultdict(Counter)
    for case_id, kind in session.exec(
        select(Document.case_id, Document.kind).where(col(Document.case_id).in_(case_ids))
    ):
        documents[case_id][kind] += 1
    views = _views(session, debtor_ids, None if principal.is_staff else {case.creditor_id for case in cases})
    return [
        _case_public(case, debtors[case.debtor_id], invoices[case.id], documents[case.id], views, principal)
        for case in cases
    ]


def _views(session: Session, debtor_ids: list[uuid.UUID], creditors: set[uuid.UUID] | None) -> list[ViewRow]:
    """Every view of these debtors and of the records merged into them (of these creditors only, unless staff
    read), by creditor then oldest first."""
    statement = (
        select(DebtorView, Debtor.id, Debtor.merged_into_id)
        .join(Debtor, col(Debtor.id) == DebtorView.debtor_id)
        .where(or_(col(Debtor.id).in_(debtor_ids), col(Debtor.merged_into_id).in_(debtor_ids)))
        .order_by(col(DebtorView.creditor_id), col(DebtorView.updated_at))
    )
    if creditors is not None:
        statement = statement.where(col(DebtorView.creditor_id).in_(creditors))
    return [(view, owner, merged_into) for view, owner, merged_into in session.exec(statement).all()]


def _debtor_public(case: Case, debtor: Debtor, views: list[ViewRow], principal: Principal) -> DebtorPublic:
    """As `views.debtor_view`: the debtor as the case's creditor gave it (its view of this record, else of a record
    merged into it); staff also read every creditor's view."""
    of_debtor = [row for row in views if debtor.id in (row[1], row[2])]
    mine = [view for view, owner, _ in of_debtor if view.creditor_id == case.creditor_id]
    own = next(
        (view for view, owner, _ in of_debtor if view.creditor_id == case.creditor_id and owner == debtor.id), None
    )
    view = own or (mine[0] if mine else None)
    given = DebtorViewPublic.model_validate(view).model_dump(exclude={"creditor_id"}) if view else {}
    public = DebtorPublic.model_validate(debtor).model_copy(
        update={**given, "insolvency": case_insolvency(case, debtor)}
    )
    if not principal.is_staff:
        return public
    return public.model_copy(update={"views": [DebtorViewPublic.model_validate(v) for v, _, _ in of_debtor]})


def _case_public(
    case: Case,
    debtor: Debtor,
    invoices: list[Invoice],
    documents: Counter[str],
    views: list[ViewRow],
    principal: Principal,
) -> CasePublic:
    checklist = Checklist(case.contract_signed, case.delivery_evidenced)
    return CasePublic(
        id=case.id,
        creditor_id=case.creditor_id,
        reference=case.reference,
        kind=case.kind,
        status=case.status,
        closure_reason=case.closure_reason,
        debtor=_debtor_public(case, debtor, views, principal),
        invoices=[InvoicePublic.model_validate(i) for i in invoices],
        outstanding=outstanding_of(invoices),
        currency=invoices[0].currency if invoices else "EUR",
        mandate_id=case.mandate_id,
        rf_reference=case.rf_reference,
        checklist=ChecklistPublic(
            contract_signed=case.contract_signed,
            delivery_evidenced=case.delivery_evidenced,
            complete=checklist.complete,
            missing=checklist.missing(),
            documents=dict(documents),
        ),
        override_reason=case.override_reason,
        claim_deadline=case.claim_deadline,
        metadata=case.extra,
        created_at=case.created_at,
        updated_at=case.updated_at,
    )


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


def case_view(session: Session, case: Case, principal: Principal) -> CasePublic:
    return case_views(session, [case], principal)[0]
