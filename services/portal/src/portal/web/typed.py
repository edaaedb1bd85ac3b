"""What a person types for an amount, read as they write it: "1 200,50" in French, "1,200.50" in English, "1200.50"
or "1 200,50 €" on either. One reading for every form of the pages. Pure: no I/O."""

from __future__ import annotations

import re
from decimal import Decimal

_SPACES = re.compile(r"[\s\u00a0\u202f']")
_GROUPED_EN = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d+)?")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def read_amount(text: str, language: str) -> Decimal | None:
    """The amount `text` writes, or None when it is not one. Spaces (and apostrophes) group thousands; a comma is
    the decimal mark, or groups thousands on an English page ("1,200.50"); with both marks, the last is decimal."""
    cleaned = _SPACES.sub("", text).removesuffix("€").removesuffix("EUR").removeprefix("€")
    if "," in cleaned and "." in cleaned:
        cleaned = cleaned.replace("." if cleaned.rindex(",") > cleaned.rindex(".") else ",", "")
    elif language == "en" and _GROUPED_EN.fullmatch(cleaned):
        cleaned = cleaned.replace(",", "")
    cleaned = cleaned.replace(",", ".")
    return Decimal(cleaned) if _NUMBER.fullmatch(cleaned) else None
