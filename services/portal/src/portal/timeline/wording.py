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
from shared.wording import format_amount, format_date

from portal.timeline.vocabulary import VOCABULARY


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
    return format_amount(value, language, currency)


def day(value: date, language: Language) -> str:
    """ "1er mars 2026" / "12 mars 2026" in French, "12 March 2026" in English; an instant by its day in Paris."""
    if isinstance(value, datetime):
        value = value.astimezone(PARIS).date()
    return format_date(value, language)


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
