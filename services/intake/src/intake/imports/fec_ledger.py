"""Open customer receivables of a general ledger (FEC): what is still owed, invoice by invoice.

A receivable is a group of entries on a customer account (class 411) not yet lettered (matched with
its payment), for one customer and one accounting document; its balance is the debits minus the
credits, and only positive balances are owed. The FEC is sorted by journal entry, not by customer,
so the groups are kept as running sums in a dict keyed by (customer, document): memory grows with
the number of open documents, not with the number of lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .rows import CaseRow, DebtorRow, InvoiceRow

# The FEC has no due date. L441-10 I C. com.: without agreed terms, payment is due 30 days after
# receipt of the goods or performance of the service, which the invoice date stands in for.
DEFAULT_PAYMENT_TERMS = timedelta(days=30)
CUSTOMER_ACCOUNTS = "411"


@dataclass(frozen=True)
class Entry:
    """One unlettered FEC line on a customer account, already read."""

    line: int
    customer: str  # CompAuxNum, else CompteNum
    customer_name: str  # CompAuxLib, else CompteLib
    document: str  # PieceRef, else EcritureNum
    day: date  # PieceDate, else EcritureDate
    debit: Decimal
    credit: Decimal


@dataclass
class _Receivable:
    line: int
    customer: str
    customer_name: str
    document: str
    issue_date: date
    balance: Decimal


class Ledger:
    def __init__(self) -> None:
        self._open: dict[tuple[str, str], _Receivable] = {}

    def add(self, entry: Entry) -> None:
        key = (entry.customer, entry.document)
        receivable = self._open.get(key)
        if receivable is None:
            self._open[key] = _Receivable(
                line=entry.line,
                customer=entry.customer,
                customer_name=entry.customer_name,
                document=entry.document,
                issue_date=entry.day,
                balance=entry.debit - entry.credit,
            )
            return
        receivable.balance += entry.debit - entry.credit
        receivable.issue_date = min(receivable.issue_date, entry.day)

    def open_receivables(self) -> Iterator[CaseRow]:
        """One case row per document still owed, with the reference "FEC-<customer account>"."""
        for receivable in self._open.values():
            if receivable.balance > 0:
                yield _case_of(receivable)


def _case_of(receivable: _Receivable) -> CaseRow:
    invoice = InvoiceRow(
        number=receivable.document,
        issue_date=receivable.issue_date,
        due_date=receivable.issue_date + DEFAULT_PAYMENT_TERMS,
        amount=receivable.balance,
    )
    return CaseRow(
        line=receivable.line,
        reference=f"FEC-{receivable.customer}",
        kind=None,  # the job derives B2B from the company debtor
        debtor=DebtorRow(type="company", name=receivable.customer_name or receivable.customer),
        invoices=(invoice,),
    )
