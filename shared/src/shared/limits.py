"""What the platform accepts from a client, declared once: every API model and query parameter uses these types.

A value outside them is refused with a 422 naming the field, in French and English (`BilingualValueError`),
before it reaches a service, the database or a list every tenant reads (issue 11: metadata nested 500 deep
was stored, then broke every page of the case list that held it).

- Text: bounded length, no control character (NUL, terminal escapes), no bidirectional override or isolate
  (U+202A to U+202E, U+2066 to U+2069: they make "Dupont" display as something else); a name is not blank once
  the invisible characters are removed.
- Free-form JSON: bounded depth, number of members and size; its keys and texts follow the text rules.
- Decimals: ASCII digits, one point, no exponent, no digit separators, a bounded number of places.
- Dates: `YYYY-MM-DD`, never a timestamp nor a number of seconds since 1970.
- Pagination and query strings: bounded offsets and limits, query texts without control characters.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import Query
from pydantic import AfterValidator, BeforeValidator, Field

from shared.i18n import BilingualValueError

MAX_TEXT = 2_000
MAX_QUERY_TEXT = 200
MAX_OFFSET = 1_000_000
MAX_PAGE_SIZE = 200
MAX_JSON_DEPTH = 8
MAX_JSON_MEMBERS = 1_000
MAX_JSON_CHARS = 64_000

# Control characters (Unicode category Cc: U+0000 to U+001F and U+007F to U+009F) and the bidirectional controls, found
# by one regular expression (C) instead of a loop over the characters (Python): every text of every request is checked.
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FORBIDDEN_MULTILINE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Letters and symbols that draw nothing: a name made of them is blank.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")
_DECIMAL = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def forbidden_character(value: str, *, multiline: bool) -> str | None:
    """The first control or bidirectional character, as `U+XXXX` (in a multi-line text, tabs and line breaks are
    allowed)."""
    found = (_FORBIDDEN_MULTILINE if multiline else _FORBIDDEN).search(value)
    return f"U+{ord(found.group()):04X}" if found else None


def check_text(value: str, *, multiline: bool = False) -> str:
    """At most MAX_TEXT characters (a field narrows it with `max_length`), no control character (line breaks and
    tabs only in a multi-line text) and no bidirectional control."""
    if len(value) > MAX_TEXT:
        raise BilingualValueError(f"is longer than {MAX_TEXT} characters", f"dépasse {MAX_TEXT} caractères")
    found = forbidden_character(value, multiline=multiline)
    if found is not None:
        raise BilingualValueError(
            f"contains a control or bidirectional character ({found}); write plain text",
            f"contient un caractère de contrôle ou de direction d'écriture ({found}) ; écrivez du texte simple",
        )
    return value


def is_blank(value: str) -> bool:
    """Nothing visible: only spaces, formatting characters (zero-width space, joiner, BOM...) or fillers."""
    return all(
        unicodedata.category(c) in ("Zs", "Zl", "Zp", "Cc", "Cf") or c in _BLANK_LETTERS or c.isspace() for c in value
    )


def check_name(value: str) -> str:
    check_text(value)
    if is_blank(value):
        raise BilingualValueError(
            "is empty once invisible characters are removed", "est vide une fois les caractères invisibles retirés"
        )
    return value


def check_multiline(value: str) -> str:
    return check_text(value, multiline=True)


Text = Annotated[str, AfterValidator(check_text)]
"""One line of text: at most 2,000 characters (a field narrows it), no control or bidirectional character."""

Name = Annotated[str, Field(min_length=1), AfterValidator(check_name)]
"""A text that identifies something (a name, a reference, a city): `Text`, and something visible in it."""

Prose = Annotated[str, AfterValidator(check_multiline)]
"""A note or a reason: `Text` where line breaks and tabs are allowed."""


# -- free-form JSON ---------------------------------------------------------------------------------------


def _too_big(en: str, fr: str) -> BilingualValueError:
    return BilingualValueError(en, fr)


def check_json(value: Any) -> Any:
    """Walks the value without recursion and stops at the first limit crossed, so that neither a deep nor a
    huge document costs more than the limits themselves."""
    members, chars = 0, 0
    stack: list[tuple[Any, int, str]] = [(value, 1, "")]
    while stack:
        item, depth, where = stack.pop()
        if isinstance(item, dict | list):
            if depth > MAX_JSON_DEPTH:
                raise _too_big(
                    f"is nested more than {MAX_JSON_DEPTH} levels deep (at {where or 'the top'})",
                    f"est imbriqué sur plus de {MAX_JSON_DEPTH} niveaux (à {where or 'la racine'})",
                )
            members += len(item)
            if members > MAX_JSON_MEMBERS:
                raise _too_big(
                    f"holds more than {MAX_JSON_MEMBERS} keys and items",
                    f"contient plus de {MAX_JSON_MEMBERS} clés et éléments",
                )
            if isinstance(item, dict):
                for key, child in item.items():
                    if not isinstance(key, str):
                        raise _too_big("keys are texts", "les clés sont des textes")
                    chars += len(key)
                    _check_json_text(key, f"{where}.{key}" if where else key, multiline=False)
                    stack.append((child, depth + 1, f"{where}.{key}" if where else key))
            else:
                stack.extend((child, depth + 1, f"{where}[{index}]") for index, child in enumerate(item))
        elif isinstance(item, str):
            chars += len(item)
            if chars <= MAX_JSON_CHARS:
                _check_json_text(item, where, multiline=True)
        elif isinstance(item, float) and not math.isfinite(item):
            raise _too_big(
                f"holds a number that is not finite (at {where})", f"contient un nombre qui n'est pas fini (à {where})"
            )
        elif isinstance(item, int) and not isinstance(item, bool):
            chars += len(str(item)) if abs(item) < 10**18 else MAX_JSON_CHARS + 1
        if chars > MAX_JSON_CHARS:
            raise _too_big(
                f"is larger than {MAX_JSON_CHARS:,} characters".replace(",", " "),
                f"dépasse {MAX_JSON_CHARS:,} caractères".replace(",", " "),
            )
    return value


def _check_json_text(value: str, where: str, *, multiline: bool) -> None:
    found = forbidden_character(value, multiline=multiline)
    if found is not None:
        raise BilingualValueError(
            f"contains a control or bidirectional character ({found}) at {where or 'the top'}",
            f"contient un caractère de contrôle ou de direction d'écriture ({found}) à {where or 'la racine'}",
        )


FreeJson = Annotated[dict[str, Any], BeforeValidator(check_json)]
"""Free-form data a client attaches: at most 8 levels, 1,000 keys and items, 64,000 characters."""


# -- decimals and dates ----------------------------------------------------------------------------------


def decimal_text(*, places: int) -> BeforeValidator:
    """A decimal as a client writes it: a string of ASCII digits with at most one point and `places` decimals
    (an integer is accepted too; a float never: it cannot be exact). Arabic-Indic or full-width digits,
    "1_000.00" and "1e2" are what Python's `Decimal` reads as numbers and what this refuses."""

    what, example = ("amounts", "1200.00") if places == 2 else ("rates", "0.15")
    what_fr = "un montant" if places == 2 else "un taux"
    in_words = {2: "two"}.get(places, str(places))

    def check(value: object) -> object:
        if isinstance(value, bool | float):
            raise BilingualValueError(
                f'{what} are decimal strings such as "{example}", never floating-point numbers',
                f'{what_fr} s\'écrit comme une chaîne décimale telle que "{example}", jamais '
                f"comme un nombre à virgule flottante",
            )
        if isinstance(value, str):
            if not _DECIMAL.fullmatch(value):
                raise BilingualValueError(
                    f"{value[:40]!r} is not a decimal: ASCII digits, one point, no exponent nor separator",
                    f"{value[:40]!r} n'est pas un nombre décimal : chiffres ASCII, un point, ni exposant ni séparateur",
                )
            _, _, decimals = value.partition(".")
            if len(decimals) > places or len(value) > 40:
                raise BilingualValueError(
                    f"{value[:40]} has more than {in_words} decimal places",
                    f"{value[:40]} a plus de {places} décimales",
                )
        return value

    return BeforeValidator(check)


def check_date_text(value: object) -> object:
    """`YYYY-MM-DD` only: pydantic alone reads "2026-06-01T00:00:00" and 0 (1970-01-01) as dates."""
    if (
        isinstance(value, datetime)
        or not isinstance(value, str | date)
        or (isinstance(value, str) and not _DATE.fullmatch(value))
    ):
        shown = repr(value)[:40]
        raise BilingualValueError(
            f"{shown} is not a date: write it YYYY-MM-DD (for example 2026-07-01)",
            f"{shown} n'est pas une date : écrivez-la AAAA-MM-JJ (par exemple 2026-07-01)",
        )
    return value


DateText = BeforeValidator(check_date_text)
ClientDate = Annotated[date, DateText]
"""A calendar date written YYYY-MM-DD, never a timestamp."""


# -- query strings ---------------------------------------------------------------------------------------

QueryText = Annotated[str, Field(max_length=MAX_QUERY_TEXT), AfterValidator(check_text)]
"""A filter in a query string: at most 200 characters, no NUL nor any control character."""

OffsetQuery = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"0 to {MAX_OFFSET}")]
LimitQuery = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"1 to {MAX_PAGE_SIZE}")]
