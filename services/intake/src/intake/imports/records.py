"""One spreadsheet line (CSV or XLSX) to a `CaseRow`, or to the `RowError`s that keep it out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TypeVar

from .cells import Cell, amount_of, date_of, text_of
from .countries import country_code
from .debtors import debtor_from, kind_and_type, language_code
from .headers import Columns
from .problems import Unreadable
from .rows import CaseRow, InvoiceRow, RowError
from intake.domain.currencies import is_active_currency, normalise_currency

T = TypeVar("T")


def case_from_line(
    line: int, cells: Sequence[Cell], columns: Columns, decimal_mark: str | None
) -> CaseRow | list[RowError] | None:
    """None for a blank line (spreadsheets end with some); otherwise the case, or every problem of the line."""
    if all(_blank(cell) for cell in cells):
        return None
    line_reader = _LineReader(line, cells, columns)
    read = line_reader.read
    number = read("number", lambda cell: _required(cell, "the invoice number is empty", "le n° de facture est vide"))
    name = read("name", lambda cell: _required(cell, "the debtor name is empty", "le nom du débiteur est vide"))
    issue_date = read("issue_date", date_of)
    due_date = read("due_date", date_of)
    amount = read("amount", lambda cell: amount_of(cell, decimal_mark))
    vat = read("vat", lambda cell: _optional_amount(cell, decimal_mark))
    outstanding = read("outstanding", lambda cell: _optional_amount(cell, decimal_mark))
    currency = read("currency", _currency)
    kind_type = read("kind", lambda cell: kind_and_type(text_of(cell)))
    country = read("country", lambda cell: country_code(text) if (text := text_of(cell)) else None)
    language = read("language", lambda cell: language_code(text) if (text := text_of(cell)) else None)
    if line_reader.errors:
        return line_reader.errors
    # For the type checker: a field read as None without an error is an optional one.
    assert number and name and issue_date and due_date and amount is not None and currency and kind_type
    texts = {field: text_of(cell) for field, cell in line_reader.cells.items()} | {
        "country": country,
        "language": language,
    }
    kind, declared_type = kind_type
    invoice = InvoiceRow(
        number=number,
        issue_date=issue_date,
        due_date=due_date,
        amount=amount,
        vat=vat,
        currency=currency,
        outstanding=outstanding,
    )
    return CaseRow(
        line=line,
        reference=texts.get("reference") or number,
        kind=kind,
        debtor=debtor_from(texts, name, declared_type),
        invoices=(invoice,),
        titles=columns.title,
    )


class _LineReader:
    """Reads fields of one line, collecting the problems instead of stopping at the first."""

    def __init__(self, line: int, cells: Sequence[Cell], columns: Columns) -> None:
        self.line, self.columns = line, columns
        count = len(cells)
        self.cells = {field: cells[index] if index < count else None for field, index in columns.position.items()}
        self.errors: list[RowError] = []

    def read(self, field: str, convert: Callable[[Cell], T]) -> T | None:
        try:
            return convert(self.cells.get(field))
        except Unreadable as problem:
            self.errors.append(problem.at(self.line, self.columns.title.get(field)))
            return None


def _blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _required(cell: Cell, reason: str, reason_fr: str) -> str:
    text = text_of(cell)
    if text is None:
        raise Unreadable(reason, reason_fr)
    return text


def _optional_amount(cell: Cell, decimal_mark: str | None) -> Decimal | None:
    return None if text_of(cell) is None else amount_of(cell, decimal_mark)


def _currency(cell: Cell) -> str:
    text = text_of(cell)
    if text is None:
        return "EUR"
    code = normalise_currency(text)
    if not is_active_currency(code):
        raise Unreadable(
            f"{text!r} is not an ISO 4217 currency code",
            f"« {text} » n'est pas un code devise ISO 4217",
        )
    return code
