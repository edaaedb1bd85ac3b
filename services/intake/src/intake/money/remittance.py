"""Remittance run (reversement): per creditor, the funds held minus the commission earned."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from intake.money.commission import CollectedPayment, CommissionLine, MandateFees, commission_for
from intake.money.errors import RemittanceRefused

ZERO = Decimal(0)


@dataclass(frozen=True)
class RemittanceStatement:
    """What the creditor is told (R124-5, R124-6 CPCE): each payment with its commission, and the
    totals. Commission on payments the creditor received directly is set off against held funds;
    if it exceeds them, the rest is invoiced rather than transferred."""

    creditor_id: str
    lines: tuple[CommissionLine, ...]

    def _sum(self, field: str) -> Decimal:
        return sum((getattr(line, field) for line in self.lines), ZERO)

    @property
    def total_collected(self) -> Decimal:
        return self._sum("amount")

    @property
    def total_held(self) -> Decimal:
        return self._sum("held")

    @property
    def total_commission_excl_vat(self) -> Decimal:
        return self._sum("commission_excl_vat")

    @property
    def total_vat(self) -> Decimal:
        return self._sum("vat")

    @property
    def total_commission(self) -> Decimal:
        return self._sum("commission")

    @property
    def net_to_remit(self) -> Decimal:
        return max(ZERO, self.total_held - self.total_commission)

    @property
    def commission_to_invoice(self) -> Decimal:
        return max(ZERO, self.total_commission - self.total_held)


def plan_remittance(
    payments: Iterable[CollectedPayment], fees_by_creditor: Mapping[str, MandateFees]
) -> tuple[RemittanceStatement, ...]:
    """Groups unremitted payments by creditor (sorted by creditor, then receipt date and id) and
    applies each creditor's mandate fees (R124-3 3° CPCE) to every payment."""
    ordered = sorted(payments, key=lambda p: (p.creditor_id, p.received_on, p.payment_id))
    statements = []
    for creditor_id, group in groupby(ordered, key=lambda p: p.creditor_id):
        fees = fees_by_creditor.get(creditor_id)
        if fees is None:
            raise RemittanceRefused(
                f"creditor {creditor_id} has no mandate fees: the remittance cannot be computed",
                f"le créancier {creditor_id} n'a pas de conditions de mandat : le reversement ne peut être calculé",
            )
        statements.append(RemittanceStatement(creditor_id, tuple(commission_for(p, fees) for p in group)))
    return tuple(statements)
