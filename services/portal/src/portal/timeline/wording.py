"""How the timeline says what happened: a sentence in French and one in English, amounts and dates written as
people read them. Pure: no session, no clock."""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from shared.clock import PARIS
from shared.i18n import Language
from shared.money import round_cents

from portal.timeline.vocabulary import VOCABULARY

# French typography: a narrow no-break space between thousands, a no-break space before the sign ("1 234,56 €").
_THOUSANDS_FR = "\u202f"
_BEFORE_SIGN_FR = "\u00a0"
_SIGNS = {"EUR": "€"}
_MONTHS = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


@dataclass(frozen=True)
class Said:
    """One timeline entry's words, with the channel it went through and the document it left, where either."""

    fr: str
    en: str
    channel: str | None = None
    document: str | None = None


Describer = Callable[[Any], Said | None]
"""An event's words; None when another event of the same fact already says it (no entry is written)."""


def amount(value: Decimal, language: Language, currency: str = "EUR") -> str:
    """ "1 234,56 €" in French, "€1,234.56" in English; another currency by its code. Rounded to the cent."""
    if not isinstance(value, Decimal):
        raise TypeError(f"amounts are Decimal, not {type(value).__name__}")
    cents = round_cents(value)
    sign = "-" if cents < 0 else ""
    units, _, decimals = f"{abs(cents):.2f}".partition(".")
    symbol = _SIGNS.get(currency.upper())
    if language == "fr":
        return f"{sign}{_grouped(units, _THOUSANDS_FR)},{decimals}{_BEFORE_SIGN_FR}{symbol or currency.upper()}"
    if symbol:
        return f"{sign}{symbol}{_grouped(units, ',')}.{decimals}"
    return f"{sign}{currency.upper()} {_grouped(units, ',')}.{decimals}"


def _grouped(units: str, separator: str) -> str:
    groups: list[str] = []
    while len(units) > 3:
        units, tail = units[:-3], units[-3:]
        groups.insert(0, tail)
    return separator.join([units, *groups])


def day(value: date, language: Language) -> str:
    """ "1er mars 2026" / "12 mars 2026" in French, "12 March 2026" in English; an instant by its day in Paris."""
    if isinstance(value, datetime):
        value = value.astimezone(PARIS).date()
    month = _MONTHS[language][value.month - 1]
    if language == "fr":
        return f"{'1er' if value.day == 1 else value.day} {month} {value.year}"
    return f"{value.day} {month} {value.year}"


def counted(number: int, language: Language, fr: tuple[str, str], en: tuple[str, str]) -> str:
    """ "1 facture", "3 factures" / "1 invoice", "3 invoices"."""
    one, many = fr if language == "fr" else en
    return f"{number} {one if number == 1 else many}"


def listed(items: Sequence[str], language: Language) -> str:
    """ "a, b et c" / "a, b and c"."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {'et' if language == 'fr' else 'and'} {items[-1]}"


def word(kind: str, value: str, language: Language) -> str:
    """A code (a channel, a status...) in plain words; an unknown code as it is."""
    words = VOCABULARY.get(kind, {}).get(value)
    if words is None:
        return value
    return words[0] if language == "fr" else words[1]


class _Sentence(string.Formatter):
    """`{field}` is the event's attribute: amounts and dates written for the language, `{field:kind}` a code of
    `VOCABULARY[kind]` in plain words."""

    def __init__(self, event: Any, language: Language) -> None:
        self.event = event
        self.language: Language = language

    def get_value(self, key: int | str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        return getattr(self.event, str(key))

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec in VOCABULARY:
            return word(format_spec, str(value), self.language)
        if isinstance(value, Decimal):
            return amount(value, self.language, getattr(self.event, "currency", "EUR"))
        if isinstance(value, date):
            return day(value, self.language)
        return str(super().format_field(value, format_spec))


def sentence(template: str, event: Any, language: Language) -> str:
    return _Sentence(event, language).format(template)


def said(fr: str, en: str) -> Callable[[Any], Said]:
    """The describer of an event told in one sentence: `said("Promesse tenue le {kept_on}", "Promise kept on
    {kept_on}")`."""

    def describe(event: Any) -> Said:
        return Said(fr=sentence(fr, event, "fr"), en=sentence(en, event, "en"))

    return describe
