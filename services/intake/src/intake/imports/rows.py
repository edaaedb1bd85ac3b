"""What the import parsers hand to the import job: one `CaseRow` per invoice read, or a `RowError`.

The parsers only say what the file says. Business rules (due date passed, SIREN check digit,
prescription, duplicates) belong to the job, which validates each row as the API would.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class DebtorRow:
    """The debtor as written in the file: values stripped, None when absent."""

    type: str  # "company" | "person"
    name: str
    siren: str | None = None
    siret: str | None = None
    vat_number: str | None = None
    legal_form: str | None = None
    email: str | None = None
    phone: str | None = None
    address: dict[str, str] | None = None  # line1, line2, postal_code, city (those present) and country
    language: str | None = None  # "fr" | "en", the language the debtor is written to in; None: the file does not say


@dataclass(frozen=True)
class InvoiceRow:
    number: str
    issue_date: date
    due_date: date
    amount: Decimal  # including VAT
    vat: Decimal | None = None
    currency: str = "EUR"
    outstanding: Decimal | None = None  # None: the file does not say, so the whole amount is owed


@dataclass(frozen=True)
class CaseRow:
    line: int  # 1-based line (CSV, FEC) or row (XLSX) in the source; the header is line 1
    reference: str  # the creditor's case reference, else the invoice number
    kind: str | None  # "b2b" | "b2c"; None lets the job decide from the debtor type
    debtor: DebtorRow
    invoices: tuple[InvoiceRow, ...]
    # each field's header as the file wrote it (one mapping for the whole file): the job reports a refused field by
    # the column the creditor sees, as the parser does; a format without headers names the field itself
    titles: Mapping[str, str] = field(default_factory=dict)

    def column(self, name: str | None) -> str | None:
        """The file's own header for the field `name`, else the name."""
        return self.titles.get(name, name) if name else name


@dataclass(frozen=True)
class RowError:
    """A line the parser could not read; the parser carries on with the next line."""

    line: int
    column: str | None  # the header as written in the file (a missing column: its name); None: the whole line
    reason: str
    reason_fr: str  # creditors read the import report in French


@dataclass(frozen=True)
class RejectedRow:
    """One line of the file kept out, with every problem found in it: the report counts lines, not problems."""

    line: int
    problems: tuple[RowError, ...]


def by_line(items: Iterable[CaseRow | RowError]) -> Iterator[CaseRow | RejectedRow]:
    """The parsers' output one line at a time: the problems a parser reports one after the other for the
    same line (a bad date and a bad amount) make one rejected line."""
    pending: list[RowError] = []
    for item in items:
        if pending and (isinstance(item, CaseRow) or item.line != pending[0].line):
            yield RejectedRow(pending[0].line, tuple(pending))
            pending = []
        if isinstance(item, CaseRow):
            yield item
        else:
            pending.append(item)
    if pending:
        yield RejectedRow(pending[0].line, tuple(pending))


class UnsupportedFile(Exception):
    """The upload is none of the formats we read (CSV, XLSX, FEC, Factur-X PDF)."""

    def __init__(self, message: str, message_fr: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.message_fr = message_fr
