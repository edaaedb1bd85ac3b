"""The one error a pure rule raises: which field to correct, in English and in French. The API answers it through
`intake.errors.refused`, an import reports it on the row's line."""

from __future__ import annotations


class RuleBroken(ValueError):
    """A business rule refused the input; `field` names what to correct. `message` is the English,
    `message_fr` the French when the rule has one."""

    def __init__(self, field: str, message: str, message_fr: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.message_fr = message_fr
