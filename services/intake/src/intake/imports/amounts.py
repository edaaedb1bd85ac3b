"""Amounts as creditors type them: `1 234,56`, `1.234,56 €`, `1,234.56`, `-12.5`, `(80,00)`."""

from __future__ import annotations

import re
from decimal import Decimal

from shared.money import CENT

from .problems import Unreadable

# Thousands separators French spreadsheets write: space, no-break space, narrow no-break space
# (U+202F, what Excel and LibreOffice use since the 2019 French typography update), thin space,
# and the Swiss apostrophe.
_GROUPING = re.compile("[ \u00a0\u202f\u2009'’]")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*[.,]?\d*")
_GROUPS_OF_THREE = re.compile(r"\d{1,3}(?:X\d{3})+")
# Most cells of a ledger: ASCII digits, perhaps a minus, perhaps one separator with one or two decimals. However the
# file writes its decimals, such a separator is the decimal one (three digits after it could be thousands).
_PLAIN = re.compile(r"(-?)([0-9]{1,15})(?:[.,]([0-9]{1,2}))?")
# And the French spreadsheet's own cell: thousands grouped by spaces, a decimal comma ("1 234,56", "-12 000").
_SPACED = re.compile("(-?)([0-9]{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3}){1,4})(?:,([0-9]{1,2}))?")
_SPACES = re.compile("[ \u00a0\u202f\u2009]")


def parse_amount(text: str, decimal_mark: str | None = None) -> Decimal:
    """The amount written in `text`, to the cent.

    `decimal_mark` is the file's convention ("," for French files, "." for international ones).
    It only settles one ambiguity: a lone separator followed by exactly three digits ("1.234" in a
    French file is one thousand two hundred and thirty-four). Without it, a lone separator is the
    decimal one, as in FEC files and text cells of French spreadsheets.
    """
    plain = _PLAIN.fullmatch(text)
    if plain is not None:  # the common case, read without the general rules below (they give the same amount)
        sign, units, cents = plain.groups()
        amount = Decimal(f"{units}.{cents or '0'}").quantize(CENT)
        return -amount if sign else amount
    spaced = _SPACED.fullmatch(text)
    if spaced is not None:  # the same, its groups of thousands run together first
        sign, units, cents = spaced.groups()
        amount = Decimal(f"{_SPACES.sub('', units)}.{cents or '0'}").quantize(CENT)
        return -amount if sign else amount
    return _written_amount(text, decimal_mark)


def _written_amount(text: str, decimal_mark: str | None) -> Decimal:
    written = text.strip()
    body = _GROUPING.sub("", written).replace("€", "")
    negative = body.startswith("-") or (body.startswith("(") and body.endswith(")"))
    body = body[1:-1] if body.startswith("(") and body.endswith(")") else body
    body = body[1:] if body[:1] in ("-", "+") else body
    if not body:
        raise Unreadable("the amount is empty", "le montant est vide")
    if not _DIGITS.fullmatch(body):
        raise _unreadable(written)
    plain = _without_thousands(body, decimal_mark, written)
    amount = Decimal(plain)
    if amount != amount.quantize(CENT):
        raise Unreadable(
            f"{written!r} has more than two decimals",
            f"« {written} » a plus de deux décimales",
        )
    return -amount.quantize(CENT) if negative else amount.quantize(CENT)


def _without_thousands(body: str, decimal_mark: str | None, written: str) -> str:
    decimal, thousands = _separators(body, decimal_mark)
    integer, _, fraction = body.rpartition(decimal) if decimal else (body, "", "")
    if thousands:
        if not _GROUPS_OF_THREE.fullmatch(integer.replace(thousands, "X")):
            raise _unreadable(written)
        integer = integer.replace(thousands, "")
    return f"{integer}.{fraction}" if fraction else integer


def _separators(body: str, decimal_mark: str | None) -> tuple[str, str]:
    """(decimal separator, thousands separator), "" for none."""
    commas, points = body.count(","), body.count(".")
    if commas and points:
        return (",", ".") if body.rfind(",") > body.rfind(".") else (".", ",")
    if not commas and not points:
        return "", ""
    mark = "," if commas else "."
    if commas + points > 1:
        return "", mark
    digits_after = len(body) - body.index(mark) - 1
    if decimal_mark is not None and mark != decimal_mark and digits_after == 3:
        return "", mark
    return mark, ""


def _unreadable(written: str) -> Unreadable:
    return Unreadable(f"{written!r} is not an amount", f"« {written} » n'est pas un montant lisible")
