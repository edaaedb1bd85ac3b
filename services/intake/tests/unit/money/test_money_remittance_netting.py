"""A reversed payment's debt is netted on the creditor's next remittance, or carried when the run cannot bear it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from intake.money.commission import CommissionLine, FundsSource
from intake.money.remittance import RemittanceStatement
from intake.money.remittance_netting import net_reversals


def line(
    payment_id: str, held: str, commission: str, source: FundsSource = FundsSource.DEBTOR_TO_AGENCY
) -> CommissionLine:
    h, c = Decimal(held), Decimal(commission)
    return CommissionLine(
        payment_id, "case", date(2026, 11, 20), source, h, Decimal("0.15"), c, Decimal(0), c, h, h - c
    )


def test_a_debt_the_run_can_bear_reduces_what_is_transferred():
    lines = [line("p2", "1000.00", "180.00")]
    reversal = line("p1", "-500.00", "-90.00")

    netted, carried = net_reversals(lines, [reversal])

    assert (netted, carried) == ((reversal,), ())
    assert RemittanceStatement("c", (*lines, *netted)).net_to_remit == Decimal("410.00")


def test_a_debt_larger_than_the_run_is_carried_whole_and_later_ones_still_netted():
    lines = [line("p3", "100.00", "18.00")]
    large, small = line("p1", "-500.00", "-90.00"), line("p2", "-50.00", "-9.00")

    netted, carried = net_reversals(lines, [large, small])

    assert (netted, carried) == ((small,), (large,))


def test_a_refunded_commission_on_funds_the_creditor_received_itself_is_always_netted():
    refund = line("p1", "0.00", "-36.00", FundsSource.DEBTOR_TO_CREDITOR)

    netted, carried = net_reversals([], [refund])

    assert (netted, carried) == ((refund,), ())
