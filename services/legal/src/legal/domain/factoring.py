"""Pure rules of factoring (docs/rules.md §8): which receivables a contract lets the creditor assign, the batch's
control totals, and when the factor may hand a receivable back. No session, no clock.

The factor pays the creditor and is subrogated in its rights against each debtor (subrogation conventionnelle,
art. 1346-1 C. civ.): it then collects the invoices itself. Without recourse (affacturage sans recours) it bears the
debtor's insolvency and the creditor only warrants that the receivable exists; with recourse it may charge an unpaid
receivable back to the creditor."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

ALL_DEBTORS, LISTED_DEBTORS = "all", "listed"
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ContractRule:
    eligible_debtors: str  # all | listed
    debtor_sirens: frozenset[str]
    currency: str
    max_amount: Decimal | None = None  # ceiling on what the factor holds at once, all batches together


@dataclass(frozen=True)
class Candidate:
    """An open invoice of the creditor that a batch could assign."""

    invoice_id: str
    case_id: str
    debtor_siren: str | None
    due_date: date
    outstanding: Decimal
    currency: str


@dataclass(frozen=True)
class Selection:
    chosen: tuple[Candidate, ...]
    left_over_ceiling: tuple[Candidate, ...]  # eligible, but past the contract's maximum


def is_eligible(candidate: Candidate, rule: ContractRule) -> bool:
    """An unpaid invoice in the contract's currency, of a debtor the contract covers (all, or the listed SIRENs:
    a debtor without a SIREN is then left out)."""
    if candidate.outstanding <= 0 or candidate.currency != rule.currency:
        return False
    if rule.eligible_debtors == ALL_DEBTORS:
        return True
    return candidate.debtor_siren is not None and candidate.debtor_siren in rule.debtor_sirens


def select_receivables(candidates: Iterable[Candidate], rule: ContractRule, *, held: Decimal = ZERO) -> Selection:
    """The eligible invoices, oldest due date first, as long as the factor's total (`held`: what it already holds
    from earlier batches) stays within the contract's maximum; the rest are named, never silently dropped."""
    eligible = sorted(
        (c for c in candidates if is_eligible(c, rule)), key=lambda c: (c.due_date, c.case_id, c.invoice_id)
    )
    if rule.max_amount is None:
        return Selection(tuple(eligible), ())
    chosen: list[Candidate] = []
    over: list[Candidate] = []
    total = held
    for candidate in eligible:
        if total + candidate.outstanding <= rule.max_amount:
            chosen.append(candidate)
            total += candidate.outstanding
        else:
            over.append(candidate)
    return Selection(tuple(chosen), tuple(over))


@dataclass(frozen=True)
class ControlTotals:
    count: int
    total: Decimal


def control_totals(amounts: Sequence[Decimal]) -> ControlTotals:
    """What the factor checks the batch against: how many receivables, and their sum (exact, in cents)."""
    return ControlTotals(count=len(amounts), total=sum(amounts, ZERO))


def hand_back_refusal(*, with_recourse: bool, disputed: bool) -> tuple[str, str] | None:
    """Why the factor may not hand this receivable back, in English and French, or None when it may: with
    recourse, any unpaid receivable; without recourse, only one whose existence is disputed (the warranty the
    creditor still gives)."""
    if with_recourse or disputed:
        return None
    return (
        "the contract is without recourse: the factor bears the debtor's default and may hand back only a "
        "receivable it disputes (record the dispute first)",
        "le contrat est sans recours : le factor supporte la défaillance du débiteur et ne peut rétrocéder qu'une "
        "créance qu'il conteste (enregistrez d'abord le litige)",
    )
