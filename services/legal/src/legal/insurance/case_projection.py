"""Intake's case events applied to insurance's view of the cases: the case as opened (its debtor's SIREN, its
invoices), invoices added later, and what remains unpaid on each after every payment. Everything intake says about
one case travels on `intake.cases` keyed by the case, in order, so the opening always comes first. The validation,
status changes and closing are procedures' (`legal_cases`): each event type has one handler in the service."""

from __future__ import annotations

import uuid

from sqlmodel import Session

from shared.clock import Clock
from shared.events.envelope import CloudEvent
from shared.events.intake import CaseBalanceChanged, CaseOpened, InvoiceAdded, InvoiceSnapshot

from legal.insurance.case_models import InsuranceCase, InsuranceCaseInvoice


def _invoice(session: Session, case_id: uuid.UUID, snapshot: InvoiceSnapshot) -> None:
    invoice_id = uuid.UUID(snapshot.invoice_id)
    invoice = session.get(InsuranceCaseInvoice, invoice_id) or InsuranceCaseInvoice(
        invoice_id=invoice_id,
        case_id=case_id,
        number=snapshot.number,
        issue_date=snapshot.issue_date,
        due_date=snapshot.due_date,
        amount=snapshot.amount,
        outstanding=snapshot.outstanding,
        currency=snapshot.currency,
    )
    invoice.case_id, invoice.number = case_id, snapshot.number
    invoice.issue_date, invoice.due_date = snapshot.issue_date, snapshot.due_date
    invoice.amount, invoice.outstanding, invoice.currency = snapshot.amount, snapshot.outstanding, snapshot.currency
    session.add(invoice)


def on_case_opened(*, session: Session, event: CaseOpened, envelope: CloudEvent, clock: Clock) -> None:
    case_id = uuid.UUID(event.case_id)
    case = session.get(InsuranceCase, case_id) or InsuranceCase(
        case_id=case_id,
        creditor_id=uuid.UUID(event.creditor_id),
        debtor_id=uuid.UUID(event.debtor.debtor_id),
        debtor_name=event.debtor.name,
        reference=event.reference,
        kind=event.kind,
    )
    case.debtor_id, case.debtor_name = uuid.UUID(event.debtor.debtor_id), event.debtor.name
    case.debtor_siren, case.reference, case.kind = event.debtor.siren, event.reference, event.kind
    session.add(case)
    session.flush()
    for snapshot in event.invoices:
        _invoice(session, case_id, snapshot)


def on_invoice_added(*, session: Session, event: InvoiceAdded, envelope: CloudEvent, clock: Clock) -> None:
    case_id = uuid.UUID(event.case_id)
    if session.get(InsuranceCase, case_id) is not None:  # opened before this projection existed: not followed
        _invoice(session, case_id, event.invoice)


def on_case_balance_changed(*, session: Session, event: CaseBalanceChanged, envelope: CloudEvent, clock: Clock) -> None:
    for balance in event.invoices:
        invoice = session.get(InsuranceCaseInvoice, uuid.UUID(balance.invoice_id))
        if invoice is not None:
            invoice.outstanding = balance.outstanding
            session.add(invoice)
