"""Reopening a case that a payment had closed as paid, once that payment is reversed (pure rules, no I/O).

`domain.TRANSITIONS` gives `closed` no way out, and an agent's transition request must keep it so: a closed case
is reopened only by the ledger, when the payment that paid it no longer counts and something is owed again."""

from __future__ import annotations

from decimal import Decimal

from intake.domain import RuleBroken, status_fr

REOPENABLE_CLOSURES = frozenset({"paid"})
"""A case closed as written off, settled, withdrawn or for insolvency stays closed whatever its balance."""

REOPENINGS: dict[str, frozenset[str]] = {"closed": frozenset({"submitted", "amicable", "legal"})}


def reopening_status(
    *, status: str, closure_reason: str | None, balance: Decimal, paid_in_phase: str, validated: bool
) -> str | None:
    """The status a case returns to when the payment that closed it is reversed, or None when it stays as it is:
    the phase the payment was received in (legal or amicable), or `submitted` for a case never validated."""
    if status != "closed" or closure_reason not in REOPENABLE_CLOSURES or balance <= 0:
        return None
    if paid_in_phase == "legal":
        return "legal"
    return "amicable" if validated else "submitted"


def check_reopening(current: str, target: str) -> None:
    if target not in REOPENINGS.get(current, frozenset()):
        raise RuleBroken(
            "status",
            f"a case that is {current} cannot be reopened as {target}",
            f"un dossier à l'état {status_fr(current)} ne peut pas être rouvert à l'état {status_fr(target)}",
        )
