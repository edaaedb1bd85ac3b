from datetime import date
from decimal import Decimal

import pytest

from intake.money.errors import RateNotFound
from intake.money.rates import SEED_RATES, RateKind, RateRow, RateTable, format_rate
from intake.money.semesters import Semester

S1_2025, S2_2025, S1_2026, S2_2026 = Semester(2025, 1), Semester(2025, 2), Semester(2026, 1), Semester(2026, 2)


@pytest.fixture
def rates() -> RateTable:
    return RateTable(SEED_RATES)


def test_the_ecb_rate_in_force_is_the_latest_change_on_or_before_the_day(rates: RateTable) -> None:
    assert rates.rate_on(RateKind.ECB_MRO, date(2025, 2, 4)) == Decimal("0.0315")
    assert rates.rate_on(RateKind.ECB_MRO, date(2025, 2, 5)) == Decimal("0.0290")
    assert rates.rate_on(RateKind.ECB_MRO, date(2025, 3, 12)) == Decimal("0.0265")
    assert rates.rate_on(RateKind.ECB_MRO, date(2025, 5, 1)) == Decimal("0.0240")
    assert rates.rate_on(RateKind.ECB_MRO, date(2025, 6, 11)) == Decimal("0.0215")


def test_default_penalty_rates_match_the_french_rules_table(rates: RateTable) -> None:
    assert rates.default_penalty_rate(S1_2025) == Decimal("0.1315")
    assert rates.default_penalty_rate(S2_2025) == Decimal("0.1215")
    assert rates.default_penalty_rate(S1_2026) == Decimal("0.1215")


def test_the_default_penalty_rate_reads_the_ecb_rate_of_1_january_not_of_later_changes(rates: RateTable) -> None:
    # ECB cut to 2.90 % on 5 Feb 2025, yet S1 2025 stays at 3.15 % + 10 (L441-10 II).
    assert rates.default_penalty_rate(S1_2025) == Decimal("0.1315")


def test_a_semester_whose_ecb_reading_is_missing_raises_an_error_naming_it(rates: RateTable) -> None:
    with pytest.raises(RateNotFound, match="S2 2026"):
        rates.default_penalty_rate(S2_2026)


def test_a_rate_before_the_first_row_raises_an_error_naming_the_semester(rates: RateTable) -> None:
    with pytest.raises(RateNotFound, match="S1 2024"):
        rates.rate_on(RateKind.ECB_MRO, date(2024, 3, 1))


def test_legal_rates_by_semester_for_both_kinds_of_creditor(rates: RateTable) -> None:
    assert rates.legal_rate(S1_2025) == Decimal("0.0371")
    assert rates.legal_rate(S2_2025) == Decimal("0.0276")
    assert rates.legal_rate(S1_2026) == Decimal("0.0262")
    assert rates.legal_rate(S1_2025, RateKind.LEGAL_CONSUMER_CREDITOR) == Decimal("0.0721")
    assert rates.legal_rate(S2_2025, RateKind.LEGAL_CONSUMER_CREDITOR) == Decimal("0.0665")
    assert rates.legal_rate(S1_2026, RateKind.LEGAL_CONSUMER_CREDITOR) == Decimal("0.0667")


def test_a_missing_legal_rate_raises_an_error_naming_the_semester(rates: RateTable) -> None:
    with pytest.raises(RateNotFound, match="S2 2026"):
        rates.legal_rate(S2_2026)


def test_the_contractual_floor_is_three_times_the_professional_legal_rate(rates: RateTable) -> None:
    assert rates.contractual_floor(S1_2025) == Decimal("0.1113")
    assert rates.contractual_floor(S2_2025) == Decimal("0.0828")
    assert rates.contractual_floor(S1_2026) == Decimal("0.0786")


def test_a_staff_update_adds_the_next_semester_without_touching_the_rules() -> None:
    updated = RateTable(
        [
            *SEED_RATES,
            RateRow(RateKind.ECB_MRO, date(2026, 7, 1), Decimal("0.0200")),
            RateRow(RateKind.LEGAL_PROFESSIONAL, date(2026, 7, 1), Decimal("0.0250")),
        ]
    )
    assert updated.default_penalty_rate(S2_2026) == Decimal("0.1200")
    assert updated.legal_rate(S2_2026) == Decimal("0.0250")


def test_rates_must_be_decimal_fractions_never_floats_or_percentages() -> None:
    with pytest.raises(TypeError):
        RateRow(RateKind.ECB_MRO, date(2025, 1, 1), 0.0215)  # type: ignore[arg-type]  # a float, to raise TypeError
    with pytest.raises(ValueError, match="fraction"):
        RateRow(RateKind.ECB_MRO, date(2025, 1, 1), Decimal("2.15"))


def test_a_legal_rate_must_start_on_a_semester_boundary() -> None:
    with pytest.raises(ValueError, match="1 January or 1 July"):
        RateRow(RateKind.LEGAL_PROFESSIONAL, date(2025, 6, 24), Decimal("0.0276"))


def test_two_different_rates_starting_the_same_day_are_refused() -> None:
    with pytest.raises(ValueError, match="two ecb_mro rates"):
        RateTable(
            [
                RateRow(RateKind.ECB_MRO, date(2025, 1, 1), Decimal("0.0315")),
                RateRow(RateKind.ECB_MRO, date(2025, 1, 1), Decimal("0.0300")),
            ]
        )


def test_rates_are_shown_as_french_percentages() -> None:
    assert format_rate(Decimal("0.1215")) == "12,15 %"
    assert format_rate(Decimal("0.12")) == "12,00 %"
