"""Text a spreadsheet opens, never runs: a cell that starts with what Excel or LibreOffice read as a formula (=, +, -,
@, a tab or a carriage return) gets a leading apostrophe (OWASP's advice on CSV injection). Every CSV the platform
writes passes its text through `neutralised` (a creditor's file echoed in an import's error report, a debtor's name,
a dispute's words); an XLSX types such cells as text instead."""

from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(text: str) -> str:
    """The text as a spreadsheet shows it, never as a formula it would run."""
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text
