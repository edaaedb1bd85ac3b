"""Errors of the money rules. Each says what happened in words a case handler can act on."""

from __future__ import annotations


class MoneyRuleError(ValueError):
    """Base class: a money rule refused its input; str() is the English, `message_fr` the French when given."""

    def __init__(self, message: str, message_fr: str | None = None) -> None:
        super().__init__(message)
        self.message_fr = message_fr


class RateNotFound(MoneyRuleError):
    """No rate of the needed kind is in force for a date: the rate table must be completed."""


class ContractualRateBelowFloor(MoneyRuleError):
    """A contractual late-payment rate is below 3 x the legal rate (L441-10 II C. com.)."""


class CollectionFeeForbidden(MoneyRuleError):
    """A collection fee was billed to a consumer (L111-8 al. 2 CPCE)."""


class InvalidCreditorReference(MoneyRuleError):
    """A structured creditor reference cannot be built or does not pass its ISO 11649 check."""


class BankStatementUnreadable(MoneyRuleError):
    """A camt.053 file could not be read."""


class RemittanceRefused(MoneyRuleError):
    """A remittance cannot be produced (missing account, nothing to pay)."""
