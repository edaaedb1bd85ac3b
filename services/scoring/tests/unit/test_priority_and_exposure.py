"""Priority formula, bands, exposure alerts and the insurer file, without a database."""

from decimal import Decimal

import pytest

from scoring.domain.exposure import GRADE_FELL, LIMIT_EXCEEDED, exposure_alert, should_alert
from scoring.domain.insurer_file import parse_insurer_file
from scoring.domain.priority import band_of, priority_of


def test_priority_weighs_amount_age_and_recovery_probability_as_documented():
    # 35 × log10(10001)/5 + 35 × 90/180 + 30 × 0.5 = 28.0002 + 17.5 + 15 = 60.5 -> 61
    assert priority_of(outstanding=Decimal("10000"), days_past_due=90, probability=Decimal("0.5")) == 61
    assert priority_of(outstanding=Decimal("1000000"), days_past_due=400, probability=Decimal("1")) == 100
    assert priority_of(outstanding=Decimal("0"), days_past_due=400, probability=Decimal("1")) == 0


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
