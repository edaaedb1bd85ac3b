"""Netting a creditor's debts from reversed payments on its next remittance (pure, no I/O)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from intake.money.commission import CommissionLine


def net_reversals(
    lines: Sequence[CommissionLine], reversals: Sequence[CommissionLine]
) -> tuple[tuple[CommissionLine, ...], tuple[CommissionLine, ...]]:
    """Splits the reversing lines (the payment's commission line, negated) into those netted on this remittance and
    those carried to a later one. Oldest first, each is netted whole while what is transferred stays positive or
    nil: a debt larger than what the run owes the creditor waits for a run that can bear it. A reversing line the
    creditor gains from (a commission set off on funds it received directly, now refunded) is always netted."""
    available = sum((line.held - line.commission for line in lines), Decimal(0))
    netted: list[CommissionLine] = []
    carried: list[CommissionLine] = []
    for reversal in reversals:
        effect = reversal.held - reversal.commission
        if effect >= 0 or available + effect >= 0:
            netted.append(reversal)
            available += effect
        else:
            carried.append(reversal)
    return tuple(netted), tuple(carried)
