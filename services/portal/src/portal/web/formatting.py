"""Amounts, days and instants as the page's reader writes them. The API gives decimal strings and ISO dates."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import phonenumbers

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


def numeric_day(value: object, language: Language) -> str:
    """A court's or the BODACC's day as French legal papers write it, "13/01/2027"; spelled out in English
    ("13 January 2027"), which no reader of either side of the Atlantic misreads."""
    if language != "fr":
        return day(value, language)
    try:
        return date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y") if value else "—"
    except ValueError:
        return str(value)


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


_WEEKDAYS = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def _moment(value: object) -> datetime | None:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    return value.astimezone(PARIS) if isinstance(value, datetime) else None


def slot(start: object, end: object, language: Language, *, short: bool = False) -> str:
    """A call-back's slot, in Paris time: "mercredi 4 novembre 2026, entre 14 h et 20 h" ("14:00" in English);
    `short`, for a list to choose from on a phone: "mer. 4 novembre, 14 h – 20 h"."""
    opens, closes = _moment(start), _moment(end)
    if opens is None or closes is None:
        return "—"
    french = language == "fr"
    weekday = _WEEKDAYS["fr" if french else "en"][opens.weekday()]
    first, last = (_french_hour(opens), _french_hour(closes)) if french else (f"{opens:%H:%M}", f"{closes:%H:%M}")
    if short:
        on = wording.day(opens.date(), language).removesuffix(f" {opens.year}")
        return f"{weekday[:3]}{'.' if french else ''} {on}, {first} – {last}"
    hours = f"entre {first} et {last}" if french else f"between {first} and {last}"
    return f"{weekday} {wording.day(opens.date(), language)}, {hours}"


def _french_hour(moment: datetime) -> str:
    hour = f"{moment.hour}\u00a0h"  # "14 h" kept on one line
    return hour if moment.minute == 0 else f"{hour}\u00a0{moment.minute:02d}"


def phone(number: object) -> str:
    """An E.164 number as written in its country: "06 12 34 56 78" for a French one."""
    try:
        parsed = phonenumbers.parse(str(number), None)
    except phonenumbers.NumberParseException:
        return str(number)
    french = parsed.country_code == 33
    style = phonenumbers.PhoneNumberFormat.NATIONAL if french else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return str(phonenumbers.format_number(parsed, style))


def sentence(text: str) -> str:
    """A service's message as a sentence on a page: a capital first, a full stop last ("cette action est réservée
    à : créancier" -> "Cette action est réservée à : créancier.")."""
    text = text.strip()
    if not text:
        return text
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "!", "?", "…")) else ".")
