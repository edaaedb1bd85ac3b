from __future__ import annotations

from shared.errors import Conflict, DomainError, Invalid


class InvalidCredentials(DomainError):
    status_code = 401


class TooManyAttempts(DomainError):
    status_code = 429

    def __init__(self, message: str, *, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class EmailTaken(Conflict):
    pass


class UnknownCreditor(Invalid):
    pass
