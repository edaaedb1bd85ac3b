"""Free text from callers (agent names, insurer names): what the database and the screens can hold.

PostgreSQL refuses a NUL byte in text, and control characters break screens and exports, so they are
refused with a plain message rather than failing later.
"""

from __future__ import annotations

import unicodedata


def has_control_characters(value: str) -> bool:
    return any(unicodedata.category(char) == "Cc" for char in value)


def check_label(value: str, *, field: str, max_length: int = 120) -> str:
    """The value, trimmed; ValueError naming the field when it is empty, too long or holds control characters."""
    trimmed = value.strip()
    if not trimmed:
        raise ValueError(f"{field} must not be empty")
    if len(trimmed) > max_length:
        raise ValueError(f"{field} must be at most {max_length} characters")
    if has_control_characters(trimmed):
        raise ValueError(f"{field} must not contain control characters (line breaks, tabs, NUL bytes)")
    return trimmed
