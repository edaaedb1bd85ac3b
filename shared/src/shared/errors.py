"""Domain errors carry their HTTP status and a plain-language message; the web layer maps them.

`message` is the English (logs and existing callers); `message_fr`, when given, is what French clients read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar


class DomainError(Exception):
    status_code = 400
    headers: ClassVar[dict[str, str]] = {}  # sent with the answer (a 401 names its scheme)

    def __init__(self, message: str, *, field: str | None = None, message_fr: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.message_fr = message_fr
        self.field = field


class NotFound(DomainError):
    status_code = 404


class Conflict(DomainError):
    status_code = 409


class Invalid(DomainError):
    status_code = 422


class Forbidden(DomainError):
    status_code = 403


class Unauthenticated(DomainError):
    """No bearer token, or one the verifier refuses: 401 naming the scheme to use."""

    status_code = 401
    headers: ClassVar[dict[str, str]] = {"WWW-Authenticate": "Bearer"}


class TemporarilyUnavailable(DomainError):
    """Something the answer needs is out of reach for now (the token keys of the portal not fetched yet): 503, with
    when to ask again. Not the client's fault, so never a 401 that would send it to sign in again."""

    status_code = 503
    headers: ClassVar[dict[str, str]] = {"Retry-After": "2"}


class Refusals(DomainError):
    """Several refusals of one request said at once (every mistake of a form in one round): answered with the first
    one's status, text and field, as it alone would be, and each of them in `errors` (`shared.web_errors`)."""

    def __init__(self, errors: Sequence[DomainError]) -> None:
        first = errors[0]
        super().__init__(first.message, field=first.field, message_fr=first.message_fr)
        self.errors = tuple(errors)
        self.status_code = first.status_code


def refuse_all(errors: Sequence[DomainError]) -> None:
    """Raises nothing when `errors` is empty, the error itself when there is one, `Refusals` when there are more."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise Refusals(errors)
