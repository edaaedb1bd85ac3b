"""A rule's refusal, in English and French: the service layer turns it into the HTTP error it deserves."""

from __future__ import annotations


class RuleBroken(ValueError):
    """`conflict`: the state of the case or the procedure forbids it (409); otherwise the input is wrong (422)."""

    def __init__(self, message: str, message_fr: str, *, field: str | None = None, conflict: bool = False) -> None:
        super().__init__(message)
        self.message, self.message_fr, self.field, self.conflict = message, message_fr, field, conflict
