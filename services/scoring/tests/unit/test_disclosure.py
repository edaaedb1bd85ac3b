"""What a creditor may read of a score, without a database."""

from decimal import Decimal

from scoring.domain import expert
from scoring.domain.disclosure import for_creditor
from scoring.domain.inputs import ScoringInputs

PORTFOLIO = ScoringInputs(
    outstanding=Decimal("50100.00"),
    days_past_due=400,
    open_cases=2,
    partial_payments=1,
    promises_kept=0,
    promises_broken=1,
    disputes=0,
    legal_failures=0,
    debtor_type="company",
    legal_form="SARL",
    company_age_years=3,
    insolvency=False,
    contact_channels=2,
    insurer_grade=8,
    insurer_limit=Decimal("20000"),
)


def stored() -> list[dict]:
    return [reason.as_dict() for reason in expert.assess(PORTFOLIO).reasons]


def test_a_debtor_score_shows_a_creditor_no_figure_measured_across_creditors():
    shown = for_creditor(stored(), subject="debtor")
    # the company age, legal form and contactability of the debtor-wide score sum up every creditor's view
    assert [r["code"] for r in shown] == ["PORTFOLIO", "BASE"]
    assert "50100" not in str(shown) and "20000" not in str(shown)


def test_the_pooled_reason_weighs_what_the_hidden_reasons_weighed():
    reasons = stored()
    shown = for_creditor(reasons, subject="debtor")
    assert sum(Decimal(r["contribution"]) for r in shown) == sum(Decimal(r["contribution"]) for r in reasons)


def test_a_case_score_keeps_the_cases_own_amount_and_age_for_its_creditor():
    shown = {r["code"] for r in for_creditor(stored(), subject="case")}
    assert {"AMOUNT", "DEBT_AGE", "PORTFOLIO", "COMPANY_AGE"} <= shown  # the age: from its creditor's view
    assert not shown & {"OPEN_CASES", "PARTIAL_PAYMENTS", "PROMISES_BROKEN", "INSURER_GRADE", "INSURER_LIMIT"}
