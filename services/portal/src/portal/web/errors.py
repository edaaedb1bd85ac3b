"""What a page answers when it cannot show what was asked: a plain page in the visitor's language, never JSON."""

from __future__ import annotations


class PageError(Exception):
    """`status` with the text `key` of the catalogue (error.not_found, error.forbidden ...)."""

    def __init__(self, status: int, key: str, *, detail: str | None = None) -> None:
        super().__init__(key)
        self.status = status
        self.key = key
        self.detail = detail


class SignInRequired(Exception):
    """No session, or a session (or its token) expired: back to the sign-in page, then to where the user was."""

    def __init__(self, *, expired: bool = False) -> None:
        super().__init__("sign in")
        self.expired = expired
