from datetime import date
from decimal import Decimal

import pytest

from intake.money.commission import CollectedPayment, FundsSource, MandateFees, Phase, commission_for
from intake.money.errors import RemittanceRefused
from intake.money.remittance import plan_remittance

FEES = MandateFees(amicable_rate=Decimal("0.10"), legal_rate=Decimal("0.15"))


def payment(
    amount: str,
    source: FundsSource = FundsSource.DEBTOR_TO_AGENCY,
    phase: Phase = Phase.AMICABLE,
    creditor: str = "cr-1",
    pid: str = "p1",
    received: date = date(2026, 3, 2),
) -> CollectedPayment:
    return CollectedPayment(pid, "case-1", creditor, received, Decimal(amount), source, phase)


def test_a_payment_to_the_agency_earns_the_amicable_rate_plus_vat_and_leaves_the_net_held() -> None:
    line = commission_for(payment("1000.00"), FEES)
    assert (line.rate, line.commission_excl_vat, line.vat, line.commission) == (
        Decimal("0.10"),
        Decimal("100.00"),
        Decimal("20.00"),
        Decimal("120.00"),
    )
    assert (line.held, line.net) == (Decimal("1000.00"), Decimal("880.00"))


def test_the_legal_phase_rate_applies_to_payments_in_the_legal_phase() -> None:
    assert commission_for(payment("1000.00", phase=Phase.LEGAL), FEES).commission_excl_vat == Decimal("150.00")


def test_a_direct_payment_to_the_creditor_earns_commission_on_funds_the_agency_does_not_hold() -> None:
    line = commission_for(payment("500.00", FundsSource.DEBTOR_TO_CREDITOR), FEES)
    assert (line.held, line.commission, line.net) == (Decimal(0), Decimal("60.00"), Decimal("-60.00"))


def test_funds_paid_over_by_a_bailiff_are_held_and_commissioned() -> None:
    line = commission_for(payment("2000.00", FundsSource.BAILIFF, Phase.LEGAL), FEES)
    assert (line.held, line.commission_excl_vat) == (Decimal("2000.00"), Decimal("300.00"))


def test_a_credit_note_earns_no_commission_and_moves_no_funds() -> None:
    line = commission_for(
        payment("300.00", FundsSource.CREDIT_NOTE), MandateFees(Decimal("0.10"), Decimal("0.15"), Decimal("15.00"))
    )
    assert (line.commission, line.held, line.net) == (Decimal(0), Decimal(0), Decimal(0))


def test_the_fixed_fee_is_added_per_commissionable_payment_and_rounded_to_the_cent() -> None:
    fees = MandateFees(Decimal("0.085"), Decimal("0.12"), fixed_fee=Decimal("5.00"))
    line = commission_for(payment("123.45"), fees)
    # 123.45 x 8.5 % = 10.49325 + 5 -> 15.49; VAT 3.098 -> 3.10
    assert (line.commission_excl_vat, line.vat, line.net) == (Decimal("15.49"), Decimal("3.10"), Decimal("104.86"))


def test_a_remittance_groups_payments_per_creditor_with_totals_that_add_up() -> None:
    payments = [
        payment("1000.00", pid="p1"),
        payment("500.00", FundsSource.DEBTOR_TO_CREDITOR, pid="p2"),
        payment("200.00", FundsSource.CREDIT_NOTE, pid="p3"),
        payment("80.00", creditor="cr-2", pid="p4"),
    ]
    first, second = plan_remittance(payments, {"cr-1": FEES, "cr-2": FEES})
    assert first.creditor_id == "cr-1" and [line.payment_id for line in first.lines] == ["p1", "p2", "p3"]
    assert (first.total_collected, first.total_held) == (Decimal("1700.00"), Decimal("1000.00"))
    assert (first.total_commission_excl_vat, first.total_vat, first.total_commission) == (
        Decimal("150.00"),
        Decimal("30.00"),
        Decimal("180.00"),
    )
    assert first.net_to_remit == Decimal("820.00") == sum(line.net for line in first.lines)
    assert second.net_to_remit == Decimal("70.40")


def test_commission_on_direct_payments_beyond_the_funds_held_is_invoiced_not_transferred() -> None:
    (statement,) = plan_remittance([payment("500.00", FundsSource.DEBTOR_TO_CREDITOR)], {"cr-1": FEES})
    assert (statement.net_to_remit, statement.commission_to_invoice) == (Decimal(0), Decimal("60.00"))


def test_a_creditor_without_mandate_fees_stops_the_run() -> None:
    with pytest.raises(RemittanceRefused, match="cr-9"):
        plan_remittance([payment("10.00", creditor="cr-9")], {})
