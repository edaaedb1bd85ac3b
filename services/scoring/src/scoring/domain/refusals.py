"""A value the rules refuse, said in English and in French: still a ValueError, so a pydantic validator or a
file reader that catches ValueError keeps working, and the routes answer it in the client's language."""

from __future__ import annotations


class Refused(ValueError):
    def __init__(self, message: str, message_fr: str) -> None:
        super().__init__(message)
        self.message, self.message_fr = message, message_fr
