"""The one exception value parsers raise for a cell they cannot read, worded for the import report."""

from __future__ import annotations

from .rows import RowError


class Unreadable(ValueError):
    def __init__(self, reason: str, reason_fr: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.reason_fr = reason_fr

    def at(self, line: int, column: str | None) -> RowError:
        return RowError(line=line, column=column, reason=self.reason, reason_fr=self.reason_fr)


def missing_column(label: str, label_fr: str, line: int = 1) -> RowError:
    """`line`: the header's, which a title above it moves down."""
    return RowError(
        line=line,
        column=label,
        reason=f"the header has no {label} column",
        reason_fr=f"l'en-tête n'a pas de colonne {label_fr}",
    )
