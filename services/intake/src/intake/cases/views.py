"""The API's read model of cases: one case or a page of them, with what each shows (debtor, invoices, each
creditor's view of the debtor, documents), in one statement (issue 17: a page of 20 cases took about a hundred
queries, then five; one case took six round trips)."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Any

import sqlalchemy
from sqlalchemy import String, cast, func, literal, or_
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from shared.auth import Principal

from intake.api.access import check_owned
from intake.cases.models import Case, Invoice
from intake.cases.opening import NewCase
from intake.cases.records import case_insolvency, outstanding_of
from intake.cases.schemas import CasePublic, ChecklistPublic, InvoicePublic
from intake.debtors.models import Debtor, DebtorView
from intake.debtors.schemas import DebtorPublic, DebtorViewPublic
from intake.documents.models import Document
from intake.domain import Checklist
from intake.errors import CaseNotFound

ViewRow = tuple[DebtorViewPublic, uuid.UUID, uuid.UUID | None]  # the view, its record, the record merged into


def case_views(session: Session, case_ids: Sequence[uuid.UUID], principal: Principal) -> list[CasePublic]:
    """A page of cases the principal may see, in its order, in one statement (see `_cases`)."""
    if not case_ids:
        return []
    rows = {row[0].id: row for row in session.execute(_cases(principal.is_staff), {"ids": list(case_ids)})}
    return [_from_row(rows[case_id], principal) for case_id in case_ids]


def case_view(session: Session, case: Case | NewCase, principal: Principal) -> CasePublic:
    """A case just opened or changed, read back as every reader of it sees it."""
    return case_views(session, [case.id], principal)[0]


def read_case(session: Session, case_id: uuid.UUID, principal: Principal) -> CasePublic:
    """One case by id; one the principal may not see is the same 404 as none."""
    row = session.execute(_cases(principal.is_staff), {"ids": [case_id]}).one_or_none()
    check_owned(row[0].creditor_id if row else None, case_id, principal, missing=CaseNotFound, what="case")
    assert row is not None  # check_owned raised otherwise
    return _from_row(row, principal)


def _from_row(row: Any, principal: Principal) -> CasePublic:
    case, debtor, invoices, kinds, views = row
    viewed: list[ViewRow] = [
        (DebtorViewPublic.model_validate(item["view"]), uuid.UUID(item["owner"]), _uuid(item["merged_into"]))
        for item in views or []
    ]
    invoices_public = [InvoicePublic.model_validate(invoice) for invoice in invoices or []]
    return _case_public(case, debtor, invoices_public, Counter(kinds or []), viewed, principal)


def _debtor_public(case: Case, debtor: Debtor, views: list[ViewRow], principal: Principal) -> DebtorPublic:
    """As `views.debtor_view`: the debtor as the case's creditor gave it (its view of this record, else of a record
    merged into it); staff also read every creditor's view."""
    of_debtor = [row for row in views if debtor.id in (row[1], row[2])]
    mine = [view for view, owner, _ in of_debtor if view.creditor_id == case.creditor_id]
    own = next(
        (view for view, owner, _ in of_debtor if view.creditor_id == case.creditor_id and owner == debtor.id), None
    )
    view = own or (mine[0] if mine else None)
    given = view.model_dump(exclude={"creditor_id"}) if view else {}
    public = DebtorPublic.model_validate(debtor).model_copy(
        update={**given, "insolvency": case_insolvency(case, debtor)}
    )
    if not principal.is_staff:
        return public
    return public.model_copy(update={"views": [view for view, _, _ in of_debtor]})


def _case_public(
    case: Case,
    debtor: Debtor,
    invoices: list[InvoicePublic],
    documents: dict[str, int],
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
        invoices=invoices,
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


@cache
def _cases(every_view: bool) -> Any:
    """The cases named by the `ids` parameter with their debtors as rows, and beside each its invoices, the kinds of
    its documents and the views of its debtor as JSON. Built once per kind of reader: building a statement costs
    more CPU than PostgreSQL takes to run it."""
    return (
        sqlalchemy.select(Case, Debtor, _invoices_json(), _document_kinds_json(), _views_json(every_view))
        .join(Debtor, col(Debtor.id) == Case.debtor_id)
        .where(col(Case.id).in_(sqlalchemy.bindparam("ids", expanding=True)))
    )


def _json_object(fields: dict[str, Any]) -> Any:
    return func.json_build_object(*[part for name, value in fields.items() for part in (literal(name), value)])


def _invoices_json() -> Any:
    """The case's invoices, in `case_views`' order; amounts as text, JSON numbers being read as floats."""
    fields: dict[str, Any] = {name: getattr(Invoice, name) for name in ("id", "number", "issue_date", "due_date")}
    fields |= {name: cast(getattr(Invoice, name), String) for name in ("amount", "vat", "outstanding")}
    fields["currency"] = Invoice.currency
    ordered = aggregate_order_by(_json_object(fields), col(Invoice.due_date), col(Invoice.number))
    return sqlalchemy.select(func.json_agg(ordered)).where(col(Invoice.case_id) == Case.id).scalar_subquery()


def _document_kinds_json() -> Any:
    return sqlalchemy.select(func.json_agg(Document.kind)).where(col(Document.case_id) == Case.id).scalar_subquery()


def _views_json(every_creditor: bool) -> Any:
    """Every view of the case's debtor and of the records merged into it, by creditor then oldest first; of the
    case's creditor only unless `every_creditor` (staff)."""
    owner = aliased(Debtor)
    view = _json_object({name: getattr(DebtorView, name) for name in DebtorViewPublic.model_fields})
    item = _json_object({"view": view, "owner": owner.id, "merged_into": owner.merged_into_id})
    statement = (
        sqlalchemy.select(
            func.json_agg(aggregate_order_by(item, col(DebtorView.creditor_id), col(DebtorView.updated_at)))
        )
        .join(owner, col(owner.id) == DebtorView.debtor_id)
        .where(or_(col(owner.id) == Case.debtor_id, col(owner.merged_into_id) == Case.debtor_id))
    )
    if not every_creditor:
        statement = statement.where(col(DebtorView.creditor_id) == Case.creditor_id)
    return statement.scalar_subquery()


def _uuid(value: str | None) -> uuid.UUID | None:
    return uuid.UUID(value) if value else None
