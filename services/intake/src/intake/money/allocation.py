"""Payment allocation (imputation des paiements) across the invoices of a case."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, Decimal
from itertools import groupby

from shared.money import CENT

from intake.money.allocation_texts import COMPONENT_ORDER, Component, ReasonCode, explain_en, explain_fr

ZERO = Decimal(0)


@dataclass(frozen=True)
class DebtDue:
    """What one invoice owes on the payment date, component by component, in cents."""

    invoice_id: str
    invoice_number: str
    due_date: date
    principal: Decimal
    penalties: Decimal = ZERO
    indemnity: Decimal = ZERO
    interest: Decimal = ZERO

    def owed(self, component: Component) -> Decimal:
        return {
            Component.INDEMNITY: self.indemnity,
            Component.INTEREST: self.interest,
            Component.PENALTIES: self.penalties,
            Component.PRINCIPAL: self.principal,
        }[component]

    @property
    def total(self) -> Decimal:
        return self.principal + self.penalties + self.indemnity + self.interest


@dataclass(frozen=True)
class AllocationLine:
    invoice_id: str
    invoice_number: str
    component: Component
    amount: Decimal
    reason_code: ReasonCode
    explanation_fr: str
    explanation_en: str


@dataclass(frozen=True)
class Allocation:
    paid_on: date
    amount: Decimal
    lines: tuple[AllocationLine, ...]
    unallocated: Decimal  # an overpayment, to refund or hold
    unknown_references: tuple[str, ...] = field(default=())

    def allocated(self, invoice_id: str, component: Component | None = None) -> Decimal:
        return sum(
            (
                line.amount
                for line in self.lines
                if line.invoice_id == invoice_id and (component is None or line.component is component)
            ),
            ZERO,
        )


class _Ledger:
    """Remaining payment and remaining owed amounts while a payment is being allocated."""

    def __init__(self, amount: Decimal, debts: Sequence[DebtDue]) -> None:
        self.remaining = amount
        self.owed = {(d.invoice_id, c): d.owed(c) for d in debts for c in COMPONENT_ORDER}
        self.lines: list[AllocationLine] = []

    def debt_owed(self, debt: DebtDue) -> Decimal:
        return sum((self.owed[(debt.invoice_id, c)] for c in COMPONENT_ORDER), ZERO)

    def pay(self, debt: DebtDue, budget: Decimal, reason: ReasonCode) -> None:
        """Spends up to `budget` on one debt: accessories before principal (art. 1343-1 C. civ.)."""
        budget = min(budget, self.remaining)
        for component in COMPONENT_ORDER:
            amount = min(budget, self.owed[(debt.invoice_id, component)])
            if amount <= 0:
                continue
            self.owed[(debt.invoice_id, component)] -= amount
            self.remaining -= amount
            budget -= amount
            self.lines.append(
                AllocationLine(
                    invoice_id=debt.invoice_id,
                    invoice_number=debt.invoice_number,
                    component=component,
                    amount=amount,
                    reason_code=reason,
                    explanation_fr=explain_fr(reason, component, debt.invoice_number),
                    explanation_en=explain_en(reason, component, debt.invoice_number),
                )
            )


def _pro_rata_budgets(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """Shares `total` in cents proportionally to `weights`; leftover cents go to the largest
    remainders, earlier debts first on ties, so the shares always add up to `total`."""
    weight_sum = sum(weights, ZERO)
    exact = [total * w / weight_sum for w in weights]
    shares = [e.quantize(CENT, rounding=ROUND_DOWN) for e in exact]
    leftover_cents = int((total - sum(shares, ZERO)) / CENT)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in by_remainder[:leftover_cents]:
        shares[i] += CENT
    return shares


def _resolve(instruction: Iterable[str], debts: Sequence[DebtDue]) -> tuple[list[DebtDue], list[str]]:
    chosen: list[DebtDue] = []
    unknown: list[str] = []
    for reference in instruction:
        match = next((d for d in debts if reference in (d.invoice_id, d.invoice_number)), None)
        if match is None:
            unknown.append(reference)
        elif match not in chosen:
            chosen.append(match)
    return chosen, unknown


def allocate_payment(
    *, amount: Decimal, paid_on: date, debts: Sequence[DebtDue], instruction: Sequence[str] = ()
) -> Allocation:
    """Art. 1342-10 C. civ.: the debts the debtor names first, in the order named; otherwise debts
    already due before those not yet due, the oldest due date first, pro rata between debts of equal
    standing. Within each debt, art. 1343-1: costs and indemnity, then interest and penalties, then
    principal. What exceeds every debt is returned as `unallocated` (an overpayment).

    Debts carry no rate or guarantee here, so the "debt the debtor had most interest in paying"
    step of art. 1342-10 cannot distinguish them and is skipped."""
    if amount < 0:
        raise ValueError("a payment amount cannot be negative")
    ledger = _Ledger(amount, debts)
    chosen, unknown = _resolve(instruction, debts)
    for debt in chosen:
        ledger.pay(debt, ledger.remaining, ReasonCode.DEBTOR_CHOICE)

    def standing(debt: DebtDue) -> tuple[bool, date]:
        return (debt.due_date > paid_on, debt.due_date)

    for (not_yet_due, _), group_iter in groupby(sorted(debts, key=standing), key=standing):
        group = [debt for debt in group_iter if ledger.debt_owed(debt) > 0]
        if not group or ledger.remaining <= 0:
            continue
        if len(group) == 1:
            reason = ReasonCode.NOT_YET_DUE if not_yet_due else ReasonCode.OLDEST_DUE_DEBT
            ledger.pay(group[0], ledger.remaining, reason)
            continue
        weights = [ledger.debt_owed(debt) for debt in group]
        budgets = _pro_rata_budgets(min(ledger.remaining, sum(weights, ZERO)), weights)
        for debt, budget in zip(group, budgets, strict=True):
            ledger.pay(debt, budget, ReasonCode.EQUAL_STANDING_PRO_RATA)
    return Allocation(
        paid_on=paid_on,
        amount=amount,
        lines=tuple(ledger.lines),
        unallocated=ledger.remaining,
        unknown_references=tuple(unknown),
    )
