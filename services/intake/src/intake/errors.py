"""Intake's errors: each says what happened in plain words and carries its HTTP status."""

from __future__ import annotations

from shared.errors import Conflict, Invalid, NotFound


class CreditorNotFound(NotFound):
    pass


class CreditorAlreadyExists(Conflict):
    pass


class CaseNotFound(NotFound):
    pass


class DebtorNotFound(NotFound):
    pass


class DocumentNotFound(NotFound):
    pass


class ImportNotFound(NotFound):
    pass


class DuplicateReference(Conflict):
    pass


class InvalidCase(Invalid):
    """A business rule refused the case (422, naming the field)."""


class InvalidDocument(Invalid):
    pass


class NoMandate(Conflict):
    pass


class TransitionRefused(Conflict):
    pass
