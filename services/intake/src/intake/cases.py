"""Cases (dossiers): open, read, list, add invoices. The checklist, validation and the lifecycle are in
`intake.case_lifecycle`."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.events.intake import (
    CaseOpened,
    InvoiceAdded,
    InvoiceSnapshot,
)
from shared.outbox import record_event

from intake.access import acting_creditor, get_owned, visible_creditor
from intake.creditors import active_mandate
from intake.debtors import declared_insolvency, recognise_debtor, snapshot
from intake.domain import (
    InvoiceFacts,
    RuleBroken,
    check_case_currency,
    check_invoice,
    check_new_invoices,
)
from intake.errors import (
    CaseNotFound,
    CreditorNotFound,
    DuplicateReference,
    InvalidCase,
    TransitionRefused,
    field_error,
)
from intake.models import Case, Creditor, Invoice
from intake.money.reference import case_rf_reference
from intake.schemas import CaseCreate, InvoiceIn


def invoice_snapshot(invoice: Invoice) -> InvoiceSnapshot:
    return InvoiceSnapshot(
        invoice_id=str(invoice.id),
        number=invoice.number,
        issue_date=invoice.issue_date,
        due_date=invoice.due_date,
        amount=invoice.amount,
        currency=invoice.currency,
        outstanding=invoice.outstanding,
    )


def invoice_facts(invoice: InvoiceIn | Invoice) -> InvoiceFacts:
    return InvoiceFacts(
        number=invoice.number,
        issue_date=invoice.issue_date,
        due_date=invoice.due_date,
        amount=invoice.amount,
        vat=invoice.vat,
        currency=invoice.currency,
        outstanding=invoice.outstanding,
        acknowledged_on=invoice.acknowledged_on,
        last_partial_payment_on=invoice.last_partial_payment_on,
    )


def _check_invoices(invoices: list[InvoiceIn], *, kind: str, today: date, first_index: int = 0) -> None:
    for index, invoice in enumerate(invoices, start=first_index):
        try:
            check_invoice(invoice_facts(invoice), kind=kind, today=today, field=f"invoices[{index}]")
        except RuleBroken as exc:
            raise field_error(InvalidCase, exc.field, exc.message, exc.message_fr) from exc


def _refuse_duplicates(
    session: Session, *, creditor_id: uuid.UUID, debtor_id: uuid.UUID, invoices: list[InvoiceIn], first_index: int = 0
) -> None:
    numbers = [invoice.number for invoice in invoices]
    placed = session.exec(
        select(Invoice, Case)
        .join(Case, col(Case.id) == Invoice.case_id)
        .where(Invoice.creditor_id == creditor_id, Invoice.debtor_id == debtor_id, col(Invoice.number).in_(numbers))
    ).first()
    if placed is not None:
        invoice, case = placed
        index = first_index + numbers.index(invoice.number)
        raise field_error(
            InvalidCase,
            f"invoices[{index}].number",
            f"invoice {invoice.number} of this debtor is already placed in case {case.reference}",
            f"la facture {invoice.number} de ce débiteur est déjà confiée dans le dossier {case.reference}",
        )


def _new_invoices(case: Case, invoices: list[InvoiceIn]) -> list[Invoice]:
    return [
        Invoice(
            case_id=case.id,
            creditor_id=case.creditor_id,
            debtor_id=case.debtor_id,
            number=i.number,
            issue_date=i.issue_date,
            due_date=i.due_date,
            amount=i.amount,
            vat=i.vat,
            currency=i.currency,
            outstanding=i.outstanding if i.outstanding is not None else i.amount,
            acknowledged_on=i.acknowledged_on,
            last_partial_payment_on=i.last_partial_payment_on,
        )
        for i in invoices
    ]


def open_case(*, session: Session, case_in: CaseCreate, principal: Principal, clock: Clock) -> Case:
    creditor_id = acting_creditor(principal, case_in.creditor_id)
    if session.get(Creditor, creditor_id) is None:
        raise field_error(
            CreditorNotFound, "creditor_id", f"no creditor {creditor_id}", f"aucun créancier {creditor_id}"
        )
    if session.exec(
        select(Case.id).where(Case.creditor_id == creditor_id, Case.reference == case_in.reference)
    ).first():
        raise field_error(
            DuplicateReference,
            "reference",
            f"this creditor already has a case with reference {case_in.reference}",
            f"ce créancier a déjà un dossier de référence {case_in.reference}",
        )
    _check_invoices(case_in.invoices, kind=case_in.kind, today=today_in_paris(clock))
    try:
        check_case_currency([(i.number, i.currency) for i in case_in.invoices], case_currency=None)
    except RuleBroken as exc:
        raise field_error(InvalidCase, exc.field, exc.message, exc.message_fr) from exc
    debtor, view = recognise_debtor(
        session=session, debtor_in=case_in.debtor, clock=clock, creditor_id=creditor_id, staff=principal.is_staff
    )
    _refuse_duplicates(session, creditor_id=creditor_id, debtor_id=debtor.id, invoices=case_in.invoices)
    mandate = active_mandate(session, creditor_id)
    now = clock.now()
    case = Case(
        creditor_id=creditor_id,
        debtor_id=debtor.id,
        mandate_id=mandate.id if mandate else None,
        reference=case_in.reference,
        kind=case_in.kind,
        status="draft" if case_in.draft else "submitted",
        extra=case_in.metadata,
        created_at=now,
        updated_at=now,
        declared_insolvency=declared_insolvency(debtor, case_in.debtor, staff=principal.is_staff),
    )
    case.rf_reference = case_rf_reference(case.id)
    session.add(case)
    invoices = _new_invoices(case, case_in.invoices)
    session.add_all(invoices)
    record_event(
        session,
        CaseOpened(
            case_id=str(case.id),
            creditor_id=str(creditor_id),
            reference=case.reference,
            kind=case.kind,
            status=case.status,
            debtor=snapshot(debtor, view),
            invoices=[invoice_snapshot(i) for i in invoices],
        ),
        clock=clock,
        subject=str(case.id),
        tenant=str(creditor_id),
    )
    audit(
        session,
        actor=principal,
        action="case.opened",
        entity="case",
        entity_id=case.id,
        clock=clock,
        status=case.status,
        invoices=len(invoices),
    )
    _commit(session, case_in.reference)
    return case


def _commit(session: Session, reference: str) -> None:
    try:
        session.commit()
    except IntegrityError as exc:  # a concurrent twin got there first
        session.rollback()
        raise field_error(
            DuplicateReference,
            "reference",
            f"case {reference} or one of its invoices was just placed by another request",
            f"le dossier {reference} ou l'une de ses factures vient d'être confié par une autre requête",
        ) from exc


def get_case(*, session: Session, case_id: uuid.UUID, principal: Principal) -> Case:
    return get_owned(session, Case, case_id, principal, missing=CaseNotFound, what="case")


def list_cases(
    *,
    session: Session,
    principal: Principal,
    status: str | None,
    reference: str | None,
    creditor_id: uuid.UUID | None,
    debtor_id: uuid.UUID | None,
    offset: int,
    limit: int,
) -> tuple[list[Case], int]:
    conditions = []
    scope = visible_creditor(principal)
    if scope is not None:
        conditions.append(Case.creditor_id == scope)
    if creditor_id is not None:
        conditions.append(Case.creditor_id == creditor_id)
    if status:
        conditions.append(Case.status == status)
    if reference:
        conditions.append(Case.reference == reference)
    if debtor_id is not None:
        conditions.append(Case.debtor_id == debtor_id)
    total = session.exec(select(func.count()).select_from(Case).where(*conditions)).one()
    items = session.exec(
        select(Case).where(*conditions).order_by(col(Case.created_at).desc(), col(Case.id)).offset(offset).limit(limit)
    ).all()
    return list(items), total


def case_invoices(session: Session, case_id: uuid.UUID) -> list[Invoice]:
    return list(
        session.exec(
            select(Invoice).where(Invoice.case_id == case_id).order_by(col(Invoice.due_date), col(Invoice.number))
        ).all()
    )


def add_invoices(
    *, session: Session, case_id: uuid.UUID, invoices_in: list[InvoiceIn], principal: Principal, clock: Clock
) -> Case:
    case = get_case(session=session, case_id=case_id, principal=principal)
    existing = case_invoices(session, case.id)
    try:
        check_new_invoices(
            status=case.status,
            case_currency=existing[0].currency if existing else None,
            invoices=[(i.number, i.currency) for i in invoices_in],
        )
    except RuleBroken as exc:
        error = TransitionRefused if exc.field == "status" else InvalidCase
        raise field_error(error, exc.field, exc.message, exc.message_fr) from exc
    _check_invoices(invoices_in, kind=case.kind, today=today_in_paris(clock), first_index=0)
    _refuse_duplicates(session, creditor_id=case.creditor_id, debtor_id=case.debtor_id, invoices=invoices_in)
    invoices = _new_invoices(case, invoices_in)
    session.add_all(invoices)
    case.updated_at = clock.now()
    session.add(case)
    session.flush()
    for invoice in invoices:
        record_event(
            session,
            InvoiceAdded(
                case_id=str(case.id),
                creditor_id=str(case.creditor_id),
                debtor_id=str(case.debtor_id),
                invoice=invoice_snapshot(invoice),
            ),
            clock=clock,
            subject=str(case.id),
            tenant=str(case.creditor_id),
        )
    audit(
        session,
        actor=principal,
        action="invoice.added",
        entity="case",
        entity_id=case.id,
        clock=clock,
        numbers=[i.number for i in invoices],
    )
    _commit(session, case.reference)
    return case


def outstanding_of(invoices: list[Invoice]) -> Decimal:
    return sum((i.outstanding for i in invoices), Decimal("0.00"))
