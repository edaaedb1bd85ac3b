"""Writing what `cases.opening` built, one step for POST /cases, POST /cases/{id}/invoices and the import job: the
cases, the invoices and their events with one COPY each (`shared.bulk_copy`), in the caller's transaction. The
caller commits (a unique reference or invoice number another request placed first fails here, as IntegrityError)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain

from sqlmodel import Session

from shared.bulk_copy import copy_rows
from shared.clock import Clock
from shared.events.base import Event
from shared.outbox import record_events

from intake.cases.models import Case, Invoice
from intake.cases.opening import NewCase, NewInvoice, case_opened, invoice_added
from intake.debtors.models import Debtor, DebtorView
from intake.debtors.records import snapshot


@dataclass
class OpenedCase:
    """A case built by `cases.opening.new_case`, its invoices, and the debtor the event describes (as the
    creditor's view stands when the case is stored)."""

    case: NewCase
    debtor: Debtor
    view: DebtorView | None
    invoices: list[NewInvoice] = field(default_factory=list)


def store_cases(
    session: Session, *, opened: Sequence[OpenedCase] = (), added: Sequence[NewInvoice] = (), clock: Clock
) -> None:
    """The new cases with their invoices, and invoices `added` to cases already on record: CaseOpened for each
    new case (its invoices in it), InvoiceAdded for each added invoice."""
    session.flush()  # the debtors recognition created, before the cases and invoices that point at them
    copy_rows(session, Case, (item.case.row() for item in opened))
    invoices = chain((invoice for item in opened for invoice in item.invoices), added)
    copy_rows(session, Invoice, (invoice.row() for invoice in invoices))
    record_events(session, _events(opened, added), clock=clock)


def _events(opened: Sequence[OpenedCase], added: Sequence[NewInvoice]) -> Iterator[tuple[Event, str, str]]:
    for item in opened:
        case = item.case
        yield case_opened(case, item.invoices, snapshot(item.debtor, item.view)), str(case.id), str(case.creditor_id)
    for invoice in added:
        yield invoice_added(invoice), str(invoice.case_id), str(invoice.creditor_id)
