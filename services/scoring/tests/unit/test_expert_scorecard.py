"""The expert scorecard and the grade bands, without a database."""

from dataclasses import replace
from decimal import Decimal

import pytest

from scoring.domain import expert
from scoring.domain.grades import grade_for, is_worse
from scoring.domain.inputs import ScoringInputs

GOOD_PAYER = ScoringInputs(
    outstanding=Decimal("800.00"),
    days_past_due=12,
    open_cases=1,
    partial_payments=0,
    promises_kept=0,
    promises_broken=0,
    disputes=0,
    legal_failures=0,
    debtor_type="company",
    legal_form="SAS",
    company_age_years=15,
    insolvency=False,
    contact_channels=3,
    insurer_grade=None,
    insurer_limit=None,
)


@pytest.mark.parametrize(
    ("probability", "grade"),
    [
        ("0.95", "A"),
        ("0.80", "A"),
        ("0.7999", "B"),
        ("0.65", "B"),
        ("0.50", "C"),
        ("0.30", "D"),
        ("0.2999", "E"),
        ("0", "E"),
    ],
)
def test_grades_are_read_from_the_probability_bands(probability, grade):
    assert grade_for(Decimal(probability)) == grade


def test_a_small_recent_debt_of_an_established_reachable_company_grades_a():
    assessment = expert.assess(GOOD_PAYER)
    # base 0.80 + amount 0.40 + age 0.50 + company age 0.30 + contact 0.30 = 2.30 log-odds
    assert assessment.probability == Decimal("0.9089")
    assert grade_for(assessment.probability) == "A" and assessment.model_version == "expert-1"


def test_insolvency_proceedings_outweigh_everything_else():
    assessment = expert.assess(replace(GOOD_PAYER, insolvency=True))
    assert grade_for(assessment.probability) == "E"
    assert assessment.reasons[0].code == "INSOLVENCY" and assessment.reasons[0].contribution == Decimal("-4.00")


def test_every_reason_names_its_factor_value_and_contribution_in_plain_words():
    risky = replace(GOOD_PAYER, days_past_due=400, promises_broken=2, contact_channels=0, outstanding=Decimal("30000"))
    reasons = {r.code: r.as_dict() for r in expert.assess(risky).reasons}
    assert reasons["DEBT_AGE"] == {
        "code": "DEBT_AGE",
        "factor": "days_past_due",
        "value": 400,
        "contribution": "-1.20",
        "text": "days past due of the oldest unpaid invoice: 400 — lowers the chance of recovery",
    }
    assert reasons["PROMISES_BROKEN"]["contribution"] == "-0.80"
    assert reasons["AMOUNT"]["value"] == "30000"
    contributions = sum(Decimal(r["contribution"]) for r in reasons.values())
    assert contributions == Decimal("-2.40")  # 0.80 - 0.50 - 1.20 - 0.80 + 0.30 - 1.00


def test_broken_promises_and_disputes_are_capped_so_one_factor_cannot_sink_a_debtor_alone():
    many = expert.assess(replace(GOOD_PAYER, promises_broken=10, disputes=10))
    codes = {r.code: r.contribution for r in many.reasons}
    assert codes["PROMISES_BROKEN"] == Decimal("-1.20") and codes["DISPUTES"] == Decimal("-1.00")


def test_an_insurer_refusing_cover_lowers_the_score():
    covered = expert.assess(replace(GOOD_PAYER, insurer_grade=2, insurer_limit=Decimal("5000")))
    refused = expert.assess(replace(GOOD_PAYER, insurer_grade=9, insurer_limit=Decimal("0")))
    assert covered.probability > expert.assess(GOOD_PAYER).probability > refused.probability


def test_grade_e_is_worse_than_grade_b():
    assert is_worse("E", "B") and not is_worse("A", "C")
