"""A refused field named as the form labels it: ("body", "invoices", 0, "issue_date") is "Facture 1 – date
d'émission", so that a refusal reads "Facture 1 – date d'émission : 1er mai 1890 est hors des dates acceptées" rather
than the API's path. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Sequence

from shared.validation_errors import field_name

from portal.web.language import Translator

_REQUEST_PARTS = frozenset({"body", "query", "path", "header", "cookie"})


def field_parts(loc: Sequence[str | int]) -> tuple[str | int, ...]:
    """The location without the request's part: ("body", "debtor", "siren") -> ("debtor", "siren")."""
    return tuple(part for part in loc if part not in _REQUEST_PARTS)


def field_label(parts: Sequence[str | int], t: Translator) -> str | None:
    """The label of the field `parts` locates, its list elements numbered from 1; None for a field no form labels
    (the API's own message, which names it, is shown then)."""
    pieces: list[str] = []
    for position, part in enumerate(parts):
        following = parts[position + 1] if position + 1 < len(parts) else None
        if isinstance(part, int):
            continue
        if isinstance(following, int):
            key = f"field.{part}.item"
            if not t.has(key):
                return None
            pieces.append(t(key, n=following + 1))
        elif following is None:
            if not t.has(f"field.{part}"):
                return None
            pieces.append(t(f"field.{part}"))
    return " – ".join(pieces) if pieces else None


def refused_field(loc: Sequence[str | int], reason: str, message: str, t: Translator) -> str:
    """What a person reads of one refused field: its label and what is wrong with it. A field no form labels keeps
    the API's name for it: the French `message` names it already, pydantic's English one does not."""
    label = field_label(field_parts(loc), t)
    if t.language == "fr":
        return f"{label} : {reason}" if label and reason else message
    named = label or field_name(loc)
    return f"{named}: {reason or message}" if named else reason or message
