"""Free text from callers (agent names, insurer names): what the database and the screens can hold.

PostgreSQL refuses a NUL byte in text, and control characters break screens and exports, so they are
refused with a plain message rather than failing later.
"""

from __future__ import annotations

import unicodedata

from scoring.domain.refusals import Refused


def has_control_characters(value: str) -> bool:
    return any(unicodedata.category(char) == "Cc" for char in value)


def check_label(value: str, *, field: str, max_length: int = 120, field_fr: str | None = None) -> str:
    """The value, trimmed; Refused (a ValueError) naming the field when it is empty, too long or holds control
    characters."""
    named_fr = field_fr or field
    trimmed = value.strip()
    if not trimmed:
        raise Refused(f"{field} must not be empty", f"{named_fr} ne doit pas être vide")
    if len(trimmed) > max_length:
        raise Refused(
            f"{field} must be at most {max_length} characters", f"{named_fr} : {max_length} caractères au plus"
        )
    if has_control_characters(trimmed):
        raise Refused(
            f"{field} must not contain control characters (line breaks, tabs, NUL bytes)",
            f"{named_fr} ne doit pas contenir de caractères de contrôle (sauts de ligne, tabulations, octets NUL)",
        )
    return trimmed
