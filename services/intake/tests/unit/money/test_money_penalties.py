from datetime import date, timedelta
from decimal import Decimal

import pytest

from intake.money.accrual import BaseChange
from intake.money.errors import ContractualRateBelowFloor
from intake.money.kinds import DebtorKind
from intake.money.penalties import (
    PenaltyTerms,
    check_contractual_rate,
    days_late,
    fixed_recovery_indemnity,
    late_payment_penalties,
)
from intake.money.rates import SEED_RATES, RateTable
from intake.money.semesters import Semester

RATES = RateTable(SEED_RATES)
TEN_THOUSAND = Decimal("10000.00")


def test_example_a_ninety_days_late_in_s1_2026_costs_299_59() -> None:
    due = date(2026, 1, 5)
    result = late_payment_penalties(
        amount_incl_vat=TEN_THOUSAND, due_date=due, until=due + timedelta(days=90), rates=RATES
    )
    assert result.days == 90
    assert result.total == Decimal("299.59")
    assert [p.rate for p in result.periods] == [Decimal("0.1215")]


def test_example_a_in_s1_2025_costs_324_25() -> None:
    due = date(2025, 1, 5)
    result = late_payment_penalties(
        amount_incl_vat=TEN_THOUSAND, due_date=due, until=due + timedelta(days=90), rates=RATES
    )
    assert result.total == Decimal("324.25")


def test_example_b_semester_crossing_splits_into_54_04_and_249_66() -> None:
    result = late_payment_penalties(
        amount_incl_vat=TEN_THOUSAND, due_date=date(2025, 6, 15), until=date(2025, 9, 13), rates=RATES
    )
    first, second = result.periods
    assert (first.start, first.end, first.days, first.rate) == (
        date(2025, 6, 16),
        date(2025, 6, 30),
        15,
        Decimal("0.1315"),
    )
    assert (second.start, second.end, second.days, second.rate) == (
        date(2025, 7, 1),
        date(2025, 9, 13),
        75,
        Decimal("0.1215"),
    )
    assert first.amount.quantize(Decimal("0.01")) == Decimal("54.04")
    assert second.amount.quantize(Decimal("0.01")) == Decimal("249.66")
    assert result.total == Decimal("303.70")


def test_example_b_with_the_rate_frozen_at_the_first_late_day_costs_324_25() -> None:
    result = late_payment_penalties(
        amount_incl_vat=TEN_THOUSAND,
        due_date=date(2025, 6, 15),
        until=date(2025, 9, 13),
        rates=RATES,
        terms=PenaltyTerms(freeze_rate=True),
    )
    assert {p.rate for p in result.periods} == {Decimal("0.1315")}
    assert result.total == Decimal("324.25")


def test_period_amounts_stay_unrounded_so_the_total_is_rounded_once() -> None:
    result = late_payment_penalties(
        amount_incl_vat=TEN_THOUSAND, due_date=date(2025, 6, 15), until=date(2025, 9, 13), rates=RATES
    )
    assert result.periods[0].amount != result.periods[0].amount.quantize(Decimal("0.01"))
    assert result.exact_total == sum(p.amount for p in result.periods)


def test_example_c_a_contractual_twelve_percent_is_valid_in_s1_2026() -> None:
    check_contractual_rate(Decimal("0.12"), Semester(2026, 1), RATES)
    due = date(2026, 1, 5)
    result = late_payment_penalties(
        amount_incl_vat=TEN_THOUSAND,
        due_date=due,
        until=due + timedelta(days=90),
        rates=RATES,
        terms=PenaltyTerms(contractual_rate=Decimal("0.12")),
    )
    assert result.total == Decimal("295.89")  # 10,000 x 12 % x 90 / 365


def test_example_c_a_contractual_five_percent_is_refused_with_a_plain_message() -> None:
    with pytest.raises(ContractualRateBelowFloor, match=r"5\.00% is below the legal floor of 7\.86% for S1 2026"):
        late_payment_penalties(
            amount_incl_vat=TEN_THOUSAND,
            due_date=date(2026, 1, 5),
            until=date(2026, 3, 1),
            rates=RATES,
            terms=PenaltyTerms(contractual_rate=Decimal("0.05")),
        )


def test_a_contractual_rate_valid_in_one_semester_is_refused_where_it_falls_below_the_floor() -> None:
    # 10 % clears 8.28 % (S2 2025) but not 11.13 % (S1 2025).
    with pytest.raises(ContractualRateBelowFloor, match="S1 2025"):
        late_payment_penalties(
            amount_incl_vat=TEN_THOUSAND,
            due_date=date(2025, 6, 15),
            until=date(2025, 9, 13),
            rates=RATES,
            terms=PenaltyTerms(contractual_rate=Decimal("0.10")),
        )


def test_no_penalty_is_due_on_or_before_the_due_date() -> None:
    result = late_payment_penalties(
        amount_incl_vat=TEN_THOUSAND, due_date=date(2026, 1, 5), until=date(2026, 1, 5), rates=RATES
    )
    assert result.periods == ()
    assert result.total == Decimal("0.00")


def test_a_partial_payment_reduces_the_base_from_the_day_after_it_is_received() -> None:
    due = date(2026, 1, 5)
    result = late_payment_penalties(
        amount_incl_vat=TEN_THOUSAND,
        due_date=due,
        until=due + timedelta(days=90),
        rates=RATES,
        outstanding_changes=[BaseChange(on=due + timedelta(days=30), delta=Decimal("-4000.00"))],
    )
    first, second = result.periods
    assert (first.days, first.base) == (30, TEN_THOUSAND)
    assert (second.start, second.days, second.base) == (due + timedelta(days=31), 60, Decimal("6000.00"))
    # 10,000 x 12.15 % x 30/365 + 6,000 x 12.15 % x 60/365 = 99.863 + 119.836
    assert result.total == Decimal("219.70")


def test_a_payment_before_the_due_date_lowers_the_opening_base() -> None:
    due = date(2026, 1, 5)
    result = late_payment_penalties(
        amount_incl_vat=TEN_THOUSAND,
        due_date=due,
        until=due + timedelta(days=90),
        rates=RATES,
        outstanding_changes=[BaseChange(on=date(2026, 1, 2), delta=Decimal("-5000.00"))],
    )
    assert result.periods[0].base == Decimal("5000.00")
    assert result.total == Decimal("149.79")


def test_no_penalty_accrues_once_the_invoice_is_fully_paid() -> None:
    due = date(2026, 1, 5)
    result = late_payment_penalties(
        amount_incl_vat=TEN_THOUSAND,
        due_date=due,
        until=date(2026, 6, 1),
        rates=RATES,
        outstanding_changes=[BaseChange(on=due + timedelta(days=90), delta=-TEN_THOUSAND)],
    )
    assert result.total == Decimal("299.59")


def test_days_late_run_from_the_day_after_the_due_date() -> None:
    assert days_late(date(2025, 6, 15), date(2025, 9, 13)) == 90
    assert days_late(date(2025, 6, 15), date(2025, 6, 1)) == 0


def test_the_40_euro_indemnity_is_due_once_per_late_b2b_invoice() -> None:
    indemnity = fixed_recovery_indemnity(
        debtor_kind=DebtorKind.B2B,
        due_date=date(2026, 1, 5),
        paid_or_as_of=date(2026, 1, 6),
        insolvency_forbids_payment=False,
    )
    assert indemnity == Decimal("40.00")


def test_no_indemnity_for_an_invoice_paid_on_time() -> None:
    assert fixed_recovery_indemnity(
        debtor_kind=DebtorKind.B2B,
        due_date=date(2026, 1, 5),
        paid_or_as_of=date(2026, 1, 5),
        insolvency_forbids_payment=False,
    ) == Decimal(0)


def test_no_indemnity_for_a_consumer() -> None:
    assert fixed_recovery_indemnity(
        debtor_kind=DebtorKind.B2C,
        due_date=date(2026, 1, 5),
        paid_or_as_of=date(2026, 4, 5),
        insolvency_forbids_payment=False,
    ) == Decimal(0)


def test_no_indemnity_when_insolvency_proceedings_forbid_payment() -> None:
    assert fixed_recovery_indemnity(
        debtor_kind=DebtorKind.B2B,
        due_date=date(2026, 1, 5),
        paid_or_as_of=date(2026, 4, 5),
        insolvency_forbids_payment=True,
    ) == Decimal(0)
