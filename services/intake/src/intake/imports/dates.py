"""Dates as files write them: `31/01/2025` (French), `2025-01-31` (ISO), `20250131` (FEC, CII 102)."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from .problems import Unreadable

# Day first: a slashed date in a file sent to a French agency is never month first.
_DAY_FIRST = re.compile(r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4}|\d{2})")
_YEAR_FIRST = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
_COMPACT = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})")


@lru_cache(maxsize=4096)  # pure; a ledger's thousands of lines share a few hundred dates
def parse_date(text: str) -> date:
    """The calendar date in `text`; a time part ("2025-01-31 00:00:00", "...T10:00") is ignored."""
    written = text.strip()
    if not written:
        raise Unreadable("the date is empty", "la date est vide")
    day_part = re.split(r"[ T]", written, maxsplit=1)[0]
    for pattern in (_DAY_FIRST, _YEAR_FIRST, _COMPACT):
        match = pattern.fullmatch(day_part)
        if match:
            year = int(match["y"])
            # Two-digit years are this century's: receivables older than 2000 are long prescribed.
            year += 2000 if year < 100 else 0
            try:
                return date(year, int(match["m"]), int(match["d"]))
            except ValueError:
                break
    raise Unreadable(
        f"{written!r} is not a date (expected dd/mm/yyyy or yyyy-mm-dd)",
        f"« {written} » n'est pas une date lisible (attendu jj/mm/aaaa ou aaaa-mm-jj)",
    )
