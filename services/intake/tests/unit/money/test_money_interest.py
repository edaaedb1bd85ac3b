from datetime import date, timedelta
from decimal import Decimal

import pytest

from intake.money.accrual import BaseChange
from intake.money.consumer_fees import (
    FeeKind,
    FeeLine,
    fees_chargeable_to_debtor,
    refuse_consumer_collection_fees,
)
from intake.money.errors import CollectionFeeForbidden
from intake.money.interest import first_interest_day, legal_interest
from intake.money.kinds import DebtorKind
from intake.money.rates import SEED_RATES, RateKind, RateTable

RATES = RateTable(SEED_RATES)


def test_worked_example_2000_euros_ninety_days_after_notice_in_s1_2026_is_12_92() -> None:
    notice = date(2026, 1, 10)
    result = legal_interest(
        principal=Decimal("2000.00"), notice_date=notice, until=notice + timedelta(days=90), rates=RATES
    )
    assert result.days == 90
    assert result.total == Decimal("12.92")


def test_the_private_creditor_rate_gives_32_89_and_is_used_only_when_asked() -> None:
    notice = date(2026, 1, 10)
    result = legal_interest(
        principal=Decimal("2000.00"),
        notice_date=notice,
        until=notice + timedelta(days=90),
        rates=RATES,
        creditor_rate=RateKind.LEGAL_CONSUMER_CREDITOR,
    )
    assert result.total == Decimal("32.89")


def test_no_interest_without_a_formal_notice() -> None:
    result = legal_interest(principal=Decimal("2000.00"), notice_date=None, until=date(2026, 6, 1), rates=RATES)
    assert result.total == Decimal("0.00")
    assert result.periods == ()


def test_no_interest_runs_before_the_notice_even_if_the_debt_was_long_due() -> None:
    assert first_interest_day(notice_date=date(2026, 3, 1), due_date=date(2025, 1, 1)) == date(2026, 3, 2)


def test_a_notice_sent_before_the_due_date_starts_interest_only_after_the_due_date() -> None:
    assert first_interest_day(notice_date=date(2026, 1, 1), due_date=date(2026, 1, 31)) == date(2026, 2, 1)


def test_interest_is_split_by_semester_at_each_semesters_legal_rate() -> None:
    result = legal_interest(
        principal=Decimal("2000.00"), notice_date=date(2025, 6, 20), until=date(2025, 7, 10), rates=RATES
    )
    assert [(p.days, p.rate) for p in result.periods] == [(10, Decimal("0.0371")), (10, Decimal("0.0276"))]
    # 2,000 x (3.71 % x 10 + 2.76 % x 10) / 365 = 2.0329 + 1.5123
    assert result.total == Decimal("3.55")


def test_interest_follows_the_outstanding_principal_after_a_partial_payment() -> None:
    notice = date(2026, 1, 10)
    result = legal_interest(
        principal=Decimal("2000.00"),
        notice_date=notice,
        until=notice + timedelta(days=90),
        rates=RATES,
        outstanding_changes=[BaseChange(on=notice + timedelta(days=45), delta=Decimal("-1000.00"))],
    )
    assert [p.base for p in result.periods] == [Decimal("2000.00"), Decimal("1000.00")]
    assert result.total == Decimal("9.69")


def test_no_collection_fee_for_a_consumer_is_refused_with_the_article() -> None:
    fees = [FeeLine("Frais de dossier", Decimal("35.00"))]
    with pytest.raises(CollectionFeeForbidden, match="L111-8"):
        refuse_consumer_collection_fees(DebtorKind.B2C, fees)


def test_collection_fees_are_omitted_from_what_a_consumer_is_billed() -> None:
    fees = [
        FeeLine("Frais de recouvrement", Decimal("50.00")),
        FeeLine("Frais d'acte prescrit par la loi", Decimal("12.00"), FeeKind.ACT_REQUIRED_BY_LAW),
    ]
    assert [fee.label for fee in fees_chargeable_to_debtor(DebtorKind.B2C, fees)] == [
        "Frais d'acte prescrit par la loi"
    ]


def test_a_professional_owes_collection_costs_only_on_proof() -> None:
    fees = [
        FeeLine("Honoraires justifiés", Decimal("150.00"), evidenced=True),
        FeeLine("Frais forfaitaires", Decimal("80.00")),
    ]
    assert [fee.label for fee in fees_chargeable_to_debtor(DebtorKind.B2B, fees)] == ["Honoraires justifiés"]
    refuse_consumer_collection_fees(DebtorKind.B2B, fees)
