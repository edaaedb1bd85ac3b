from datetime import date
from decimal import Decimal

import pytest

from intake.money.errors import RateNotFound
from intake.money.rates import SEED_RATES, RateKind, RateTable, missing_rates
from intake.money.semesters import Semester

S1_2026, S2_2026, S1_2024 = Semester(2026, 1), Semester(2026, 2), Semester(2024, 1)


def test_a_missing_semester_carries_the_latest_recorded_rate_forward_and_says_which_one() -> None:
    rates = RateTable(SEED_RATES).carrying_forward()
    assert rates.default_penalty_rate(S2_2026) == Decimal("0.1215")
    assert rates.legal_rate(S2_2026) == Decimal("0.0262")
    assert [(m.kind, m.semester, m.carried_from) for m in rates.missing] == [
        (RateKind.ECB_MRO, S2_2026, date(2026, 1, 1)),
        (RateKind.LEGAL_PROFESSIONAL, S2_2026, date(2026, 1, 1)),
    ]
    assert "POST /api/v1/intake/rates" in rates.missing[0].warning


def test_a_recorded_semester_is_not_reported_missing_and_the_strict_table_still_raises() -> None:
    rates = RateTable(SEED_RATES).carrying_forward()
    assert rates.legal_rate(S1_2026) == Decimal("0.0262") and rates.missing == []
    with pytest.raises(RateNotFound):
        RateTable(SEED_RATES).legal_rate(S2_2026)


def test_nothing_is_carried_into_a_semester_before_the_first_recorded_rate() -> None:
    with pytest.raises(RateNotFound):
        RateTable(SEED_RATES).carrying_forward().legal_rate(S1_2024)


def test_the_missing_rates_of_a_semester_are_named_for_the_start_up_warning() -> None:
    assert missing_rates(RateTable(SEED_RATES), S1_2026) == []
    assert missing_rates(RateTable(SEED_RATES), S2_2026) == [
        "ecb_mro from 2026-07-01 (S2 2026)",
        "legal_professional from 2026-07-01 (S2 2026)",
        "legal_consumer_creditor from 2026-07-01 (S2 2026)",
    ]
