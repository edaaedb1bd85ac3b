"""Intake's errors: each says what happened in plain words and carries its HTTP status."""

from __future__ import annotations

from shared.errors import Conflict, DomainError, Invalid, NotFound

from intake.domain import RuleBroken


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


def field_error(error: type[DomainError], field: str, en: str, fr: str | None) -> DomainError:
    """`error` naming `field` before the text in both languages: "field: text" / "field : texte"."""
    return error(f"{field}: {en}", field=field, message_fr=f"{field} : {fr}" if fr is not None else None)


def refused(exc: RuleBroken) -> DomainError:
    """A broken rule as the API answers it: a case whose status forbids the change is refused as a transition
    (409, in the rule's own words), anything else as invalid input (422) naming the field to correct."""
    if exc.field == "status":
        return TransitionRefused(exc.message, field="status", message_fr=exc.message_fr)
    return field_error(InvalidCase, exc.field, exc.message, exc.message_fr)
