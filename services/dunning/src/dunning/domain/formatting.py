"""How messages write amounts, dates and account identifiers: the kernel's wording (`shared.wording`), which the
compliance check searches for to the character."""

from __future__ import annotations

from shared.wording import BEFORE_SIGN_FR, THOUSANDS_FR, compact_identifier, format_amount, format_date, format_grouped

__all__ = ["BEFORE_SIGN_FR", "THOUSANDS_FR", "compact_identifier", "format_amount", "format_date", "format_grouped"]
