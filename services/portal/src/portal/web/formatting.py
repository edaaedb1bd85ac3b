"""Amounts, days and instants as the page's reader writes them. The API gives decimal strings and ISO dates."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from shared.clock import PARIS
from shared.i18n import Language

from portal.timeline import wording


def money(value: object, language: Language, currency: str = "EUR") -> str:
    if value is None or value == "":
        return "—"
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return wording.amount(amount, language, currency or "EUR")


def day(value: object, language: Language) -> str:
    """ "3 novembre 2026" / "3 November 2026"; "—" for nothing."""
    if not value:
        return "—"
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
        except ValueError:
            return str(value)
    if not isinstance(value, date):
        return str(value)
    return wording.day(value, language)


def instant(value: object, language: Language) -> str:
    """An instant in Paris time: "3 novembre 2026, 09:30"."""
    if not value:
        return "—"
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if not isinstance(moment, datetime):
        return str(value)
    local = moment.astimezone(PARIS)
    separator = ", " if language == "en" else " à "
    return f"{wording.day(local.date(), language)}{separator}{local:%H:%M}"


def iso_day(value: object) -> str:
    """The machine-readable day of a <time datetime=...> attribute."""
    if isinstance(value, str):
        return value[:10]
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    return ""


def grouped(identifier: str) -> str:
    """An IBAN or an RF reference in groups of four, as printed on a bank form: "FR76 3000 6000 ..."."""
    compact = "".join(identifier.split())
    return " ".join(compact[index : index + 4] for index in range(0, len(compact), 4))
