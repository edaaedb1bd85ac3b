"""One cell to a typed value, whatever the file made of it: text (CSV, FEC) or typed cells (XLSX)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from shared.money import round_cents

from .amounts import parse_amount
from .dates import parse_date
from .problems import Unreadable

Cell = str | int | float | Decimal | date | None  # datetime is a date

# Excel counts days from 30 December 1899 (its 1900 leap-year bug makes day 60 the fictitious 29 Feb).
_EXCEL_EPOCH = date(1899, 12, 30)
_EXCEL_LAST_DAY = 2958465  # 31 December 9999


def text_of(cell: Cell) -> str | None:
    """Stripped text, None when blank; whole numbers lose the ".0" spreadsheets give them (SIREN, postcode)."""
    if type(cell) is str:  # every cell of a CSV: the common case first
        return cell.strip() or None
    if cell is None:
        return None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, date):
        cell = cell.date().isoformat() if isinstance(cell, datetime) else cell.isoformat()
    text = str(cell).strip()
    return text or None


def amount_of(cell: Cell, decimal_mark: str | None) -> Decimal:
    """An amount to the cent.

    Excel stores numbers as binary floats: 1234.56 is really 1234.5599999999999. `str()` of such a
    float gives the shortest text that reads back to it ("1234.56"), which for amounts with two
    decimals is the amount the creditor typed; we build the Decimal from that text and round to the
    cent, never computing with the float itself.
    """
    if isinstance(cell, bool):
        raise _not_an_amount(cell)
    if isinstance(cell, float):
        return round_cents(Decimal(str(cell)))
    if isinstance(cell, int | Decimal):
        return round_cents(Decimal(cell))
    if isinstance(cell, str):
        return parse_amount(cell, decimal_mark)
    if cell is None:
        raise Unreadable("the amount is empty", "le montant est vide")
    raise _not_an_amount(cell)


def date_of(cell: Cell) -> date:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool) and 0 < cell <= _EXCEL_LAST_DAY:
        # A date cell that lost its date format shows Excel's serial day number.
        return _EXCEL_EPOCH + timedelta(days=int(cell))
    if isinstance(cell, str):
        return parse_date(cell)
    if cell is None:
        raise Unreadable("the date is empty", "la date est vide")
    raise Unreadable(f"{cell!r} is not a date", f"« {cell} » n'est pas une date lisible")


def _not_an_amount(cell: Cell) -> Unreadable:
    return Unreadable(f"{cell!r} is not an amount", f"« {cell} » n'est pas un montant lisible")
