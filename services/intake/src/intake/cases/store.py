"""Writing what `cases.opening` built, one step for POST /cases, POST /cases/{id}/invoices and the import job: the
cases and invoices with one multi-row INSERT each, then their events in the outbox of the same transaction. The
caller commits (a unique reference or invoice number another request placed first fails here or at its commit)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, SQLModel

from shared.clock import Clock
from shared.outbox import record_event

from intake.cases.models import Case, Invoice
from intake.cases.opening import case_opened, invoice_added
from intake.debtors.models import Debtor, DebtorView
from intake.debtors.records import snapshot


@dataclass
class OpenedCase:
    """A case built by `cases.opening.new_case`, its invoices, and the debtor the event describes (as the
    creditor's view stands when the case is stored)."""

    case: Case
    debtor: Debtor
    view: DebtorView | None
    invoices: list[Invoice] = field(default_factory=list)


def store_cases(
    session: Session, *, opened: Sequence[OpenedCase] = (), added: Sequence[Invoice] = (), clock: Clock
) -> None:
    """The new cases with their invoices, and invoices `added` to cases already on record: CaseOpened for each
    new case (its invoices in it), InvoiceAdded for each added invoice."""
    session.flush()  # the debtors recognition created, before the cases and invoices that point at them
    if opened:
        session.execute(insert(Case), [_values(item.case) for item in opened])
    invoices = [invoice for item in opened for invoice in item.invoices] + list(added)
    if invoices:
        session.execute(insert(Invoice), [_values(invoice) for invoice in invoices])
    for item in opened:
        case = item.case
        event = case_opened(case, item.invoices, snapshot(item.debtor, item.view))
        record_event(session, event, clock=clock, subject=str(case.id), tenant=str(case.creditor_id))
    for invoice in added:
        record_event(
            session, invoice_added(invoice), clock=clock, subject=str(invoice.case_id), tenant=str(invoice.creditor_id)
        )


def _values(row: SQLModel) -> dict[str, Any]:
    return row.model_dump()
