"""Opening a case, one builder for POST /cases and for every imported row: from validated input to the case,
its invoices and the events announcing them. Pure: no session, no clock; ids, `now` and `today` come in, so the
API and the import job open the same case from the same input (`cases.store` writes what is built here)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from shared.events.intake import CaseOpened, DebtorSnapshot, InvoiceAdded, InvoiceSnapshot

from intake.cases.models import Invoice
from intake.cases.schemas import CaseCreate, InvoiceIn
from intake.domain import InvoiceFacts, RuleBroken, check_invoice
from intake.money.reference import case_rf_reference


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


def invoice_rules_broken(
    invoices: Sequence[InvoiceIn | Invoice], *, kind: str, today: date, first_index: int = 0
) -> list[RuleBroken]:
    """Every rule the invoices break, each naming its field (`invoices[1].due_date`): the API refuses the
    request on the first, an import reports them all on the row's line; validation checks them again."""
    broken = []
    for index, invoice in enumerate(invoices, start=first_index):
        try:
            check_invoice(invoice_facts(invoice), kind=kind, today=today, field=f"invoices[{index}]")
        except RuleBroken as exc:
            broken.append(exc)
    return broken


@dataclass(frozen=True, slots=True)
class NewCase:
    """A case as opening decides it; every other column of `cases` takes the model's default when stored."""

    id: uuid.UUID
    creditor_id: uuid.UUID
    debtor_id: uuid.UUID
    mandate_id: uuid.UUID | None
    reference: str
    kind: str
    status: str
    rf_reference: str
    extra: dict[str, Any]
    import_id: uuid.UUID | None
    declared_insolvency: dict[str, Any] | None
    created_at: datetime
    updated_at: datetime

    def row(self) -> dict[str, Any]:
        """The values by `Case` field, as `shared.bulk_copy` writes them."""
        return {name: getattr(self, name) for name in _CASE_FIELDS}


@dataclass(frozen=True, slots=True)
class NewInvoice:
    """An invoice placed in a case; the columns left out take the `Invoice` model's defaults when stored."""

    id: uuid.UUID
    case_id: uuid.UUID
    creditor_id: uuid.UUID
    debtor_id: uuid.UUID
    number: str
    issue_date: date
    due_date: date
    amount: Decimal
    vat: Decimal | None
    currency: str
    outstanding: Decimal
    acknowledged_on: date | None
    last_partial_payment_on: date | None

    def row(self) -> dict[str, Any]:
        """The values by `Invoice` field, as `shared.bulk_copy` writes them."""
        return {name: getattr(self, name) for name in _INVOICE_FIELDS}


_CASE_FIELDS = tuple(f.name for f in fields(NewCase))
_INVOICE_FIELDS = tuple(f.name for f in fields(NewInvoice))


def new_case(
    *,
    case_in: CaseCreate,
    creditor_id: uuid.UUID,
    debtor_id: uuid.UUID,
    mandate_id: uuid.UUID | None,
    declared_insolvency: dict[str, Any] | None,
    now: datetime,
    import_id: uuid.UUID | None = None,
) -> NewCase:
    """The case `case_in` opens; `import_id` names the bulk import that opened it (None: the API)."""
    case_id = uuid.uuid4()
    return NewCase(
        id=case_id,
        creditor_id=creditor_id,
        debtor_id=debtor_id,
        mandate_id=mandate_id,
        reference=case_in.reference,
        kind=case_in.kind,
        status="draft" if case_in.draft else "submitted",
        rf_reference=case_rf_reference(case_id),
        extra=dict(case_in.metadata),
        import_id=import_id,
        declared_insolvency=declared_insolvency,
        created_at=now,
        updated_at=now,
    )


def new_invoices(
    *, case_id: uuid.UUID, creditor_id: uuid.UUID, debtor_id: uuid.UUID, invoices_in: Sequence[InvoiceIn]
) -> list[NewInvoice]:
    """The invoices placed in a case; an invoice given without its outstanding amount is owed whole."""
    return [
        NewInvoice(
            id=uuid.uuid4(),
            case_id=case_id,
            creditor_id=creditor_id,
            debtor_id=debtor_id,
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
        for i in invoices_in
    ]


def invoice_snapshot(invoice: Invoice | NewInvoice) -> InvoiceSnapshot:
    return InvoiceSnapshot(
        invoice_id=str(invoice.id),
        number=invoice.number,
        issue_date=invoice.issue_date,
        due_date=invoice.due_date,
        amount=invoice.amount,
        currency=invoice.currency,
        outstanding=invoice.outstanding,
    )


def case_opened(case: NewCase, invoices: Sequence[NewInvoice], debtor: DebtorSnapshot) -> CaseOpened:
    return CaseOpened(
        case_id=str(case.id),
        creditor_id=str(case.creditor_id),
        reference=case.reference,
        kind=case.kind,
        status=case.status,
        debtor=debtor,
        invoices=[invoice_snapshot(i) for i in invoices],
    )


def invoice_added(invoice: NewInvoice) -> InvoiceAdded:
    return InvoiceAdded(
        case_id=str(invoice.case_id),
        creditor_id=str(invoice.creditor_id),
        debtor_id=str(invoice.debtor_id),
        invoice=invoice_snapshot(invoice),
    )
