"""Priority formula, bands, exposure alerts and the insurer file, without a database."""

from decimal import Decimal

import pytest

from scoring.domain.exposure import GRADE_FELL, LIMIT_EXCEEDED, exposure_alert, should_alert
from scoring.domain.insurer_file import parse_insurer_file
from scoring.domain.priority import band_of, exact_priority, priority_of


def test_priority_weighs_amount_age_and_recovery_probability_as_documented():
    # 35 × log10(10001)/5 + 35 × 90/180 + 30 × 0.5 = 28.0002 + 17.5 + 15 = 60.5 -> 61
    assert priority_of(outstanding=Decimal("10000"), days_past_due=90, probability=Decimal("0.5")) == 61
    assert priority_of(outstanding=Decimal("1000000"), days_past_due=400, probability=Decimal("1")) == 100
    assert priority_of(outstanding=Decimal("0"), days_past_due=400, probability=Decimal("1")) == 0


def test_the_quick_priority_is_the_exact_formulas_over_many_cases_and_on_half_points():
    import random
    from itertools import product

    draw = random.Random(20261206)
    cases = [
        (
            Decimal(draw.randint(1, 10**9)) / 100,
            draw.randint(-30, 400),
            Decimal(draw.randint(0, 10_000)) / 10_000,
        )
        for _ in range(20_000)
    ]
    # half points: log10(1 + outstanding) a whole number, days a multiple of 18 (3.5 points), probability 0.05 steps
    cases += [
        (Decimal(outstanding), days, Decimal(step) / 20)
        for outstanding, days, step in product((9, 99, 999, 9999, 99999), range(0, 200, 18), range(21))
    ]
    ties = sum(
        1
        for outstanding, days, p in cases
        if (7 * len(str(outstanding + 1)) - 7 + days * 35 / 180 + float(p) * 30) % 1 == 0.5
    )
    assert ties > 100  # the half points are there
    for outstanding, days, probability in cases:
        args = {"outstanding": outstanding, "days_past_due": days, "probability": probability}
        assert priority_of(**args) == exact_priority(**args), args


def test_an_older_larger_debt_comes_before_a_recent_small_one_of_the_same_debtor_quality():
    old = priority_of(outstanding=Decimal("20000"), days_past_due=150, probability=Decimal("0.6"))
    recent = priority_of(outstanding=Decimal("500"), days_past_due=10, probability=Decimal("0.6"))
    assert old > recent


@pytest.mark.parametrize(
    ("priority", "band"), [(100, "P1"), (70, "P1"), (69, "P2"), (50, "P2"), (30, "P3"), (29, "P4"), (0, "P4")]
)
def test_priority_bands(priority, band):
    assert band_of(priority) == band


def test_exposure_above_the_limit_alerts_before_a_falling_grade():
    over = exposure_alert(exposure=Decimal("5000.01"), limit=Decimal("5000"), grade=7, previous_grade=3)
    assert over == LIMIT_EXCEEDED
    assert exposure_alert(exposure=Decimal("5000"), limit=Decimal("5000"), grade=7, previous_grade=3) == GRADE_FELL
    assert exposure_alert(exposure=Decimal("5000"), limit=Decimal("5000"), grade=3, previous_grade=7) is None
    assert exposure_alert(exposure=Decimal("10"), limit=None, grade=None, previous_grade=None) is None


def test_an_alert_is_raised_once_when_the_state_is_entered():
    assert should_alert(current=LIMIT_EXCEEDED, previous=None)
    assert not should_alert(current=LIMIT_EXCEEDED, previous=LIMIT_EXCEEDED)
    assert not should_alert(current=None, previous=LIMIT_EXCEEDED)


def test_the_insurer_file_is_checked_line_by_line_and_names_the_faulty_column():
    text = "siren;insurer;grade;limit\n732829320;Allianz Trade;4;15 000,00\n552100554;Coface;11;1000\n;Coface;3;100\n"
    lines, errors = parse_insurer_file(text)
    assert [(line.siren, line.grade, line.limit) for line in lines] == [("732829320", 4, Decimal("15000.00"))]
    assert [(e.line, e.column) for e in errors] == [(3, "grade"), (4, "debtor_id")]
    assert parse_insurer_file("insurer,grade\nX,1\n")[1][0].reason.startswith("missing column(s): limit")
