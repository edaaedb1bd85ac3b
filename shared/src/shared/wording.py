"""How people read amounts, dates and account identifiers, in French and in English: dunning's messages (whose
compliance check searches for exactly this output) and the portal's timeline and pages print through these."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from shared.money import round_cents

# French typography (CLDR "fr"): a narrow no-break space between groups of thousands, a no-break space before
# the currency sign, so that "1 234,56 €" never breaks across lines.
THOUSANDS_FR = "\u202f"
BEFORE_SIGN_FR = "\u00a0"

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


def format_amount(amount: Decimal, language: str, currency: str = "EUR") -> str:
    """ "1 234,56 €" in French, "€1,234.56" in English; another currency by its ISO code ("1 234,56 USD",
    "USD 1,234.56"). Rounded to the cent, half up, like every statement of account."""
    if not isinstance(amount, Decimal):
        raise TypeError(f"amounts are Decimal, not {type(amount).__name__}")
    cents = round_cents(amount)
    sign = "-" if cents < 0 else ""
    units, _, decimals = f"{abs(cents):.2f}".partition(".")
    symbol = _SIGNS.get(currency.upper())
    if language == "fr":
        grouped = _group(units, THOUSANDS_FR)
        return f"{sign}{grouped},{decimals}{BEFORE_SIGN_FR}{symbol or currency.upper()}"
    grouped = _group(units, ",")
    if symbol:
        return f"{sign}{symbol}{grouped}.{decimals}"
    return f"{sign}{currency.upper()} {grouped}.{decimals}"


def _group(units: str, separator: str) -> str:
    groups: list[str] = []
    while len(units) > 3:
        units, tail = units[:-3], units[-3:]
        groups.insert(0, tail)
    groups.insert(0, units)
    return separator.join(groups)


def format_date(day: date, language: str) -> str:
    """ "1er mars 2026" / "12 mars 2026" in French, "12 March 2026" in English."""
    month = _MONTHS["fr" if language == "fr" else "en"][day.month - 1]
    if language == "fr":
        number = "1er" if day.day == 1 else str(day.day)
        return f"{number} {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def format_grouped(identifier: str) -> str:
    """An IBAN or an ISO 11649 RF reference in groups of four, the way banks print them (ISO 13616 paper form)."""
    compact = compact_identifier(identifier)
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def compact_identifier(identifier: str) -> str:
    return "".join(identifier.split()).upper()
