"""Expert scorecard (version `expert-1`): the documented fallback, used until a fitted scorecard is active.

Each factor adds log-odds points to a base of +0.80 (a 69 % chance of recovery); the sum goes through the
logistic function. The tables below are the whole model; services/scoring/README.md explains them.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from scoring.domain.inputs import (
    Assessment,
    Reason,
    ScoringInputs,
    code_of,
    currency_reasons,
    ordered,
    probability_from_log_odds,
)

VERSION = "expert-1"
BASE = Decimal("0.80")

D = Decimal


def _step(value: Decimal | int, table: tuple[tuple[Decimal | int, Decimal], ...], beyond: Decimal) -> Decimal:
    """Points of the first row whose upper bound the value does not exceed."""
    for upper, points in table:
        if value <= upper:
            return points
    return beyond


def _amount(i: ScoringInputs) -> Decimal:
    if i.outstanding is None:
        return D("0")  # owed in another currency only: no euro threshold applies
    return _step(i.outstanding, ((D(1000), D("0.40")), (D(5000), D("0.10")), (D(20000), D("-0.20"))), D("-0.50"))


def _age(i: ScoringInputs) -> Decimal:
    return _step(i.days_past_due, ((30, D("0.50")), (90, D("0.10")), (180, D("-0.30")), (365, D("-0.70"))), D("-1.20"))


def _open_cases(i: ScoringInputs) -> Decimal:
    return _step(i.open_cases, ((1, D("0")), (3, D("-0.40"))), D("-0.90"))


def _partial(i: ScoringInputs) -> Decimal:
    return min(D("0.30") * i.partial_payments, D("0.60"))


def _kept(i: ScoringInputs) -> Decimal:
    return min(D("0.20") * i.promises_kept, D("0.60"))


def _broken(i: ScoringInputs) -> Decimal:
    return max(D("-0.40") * i.promises_broken, D("-1.20"))


def _disputes(i: ScoringInputs) -> Decimal:
    return max(D("-0.50") * i.disputes, D("-1.00"))


def _legal(i: ScoringInputs) -> Decimal:
    return max(D("-0.50") * i.legal_failures, D("-1.00"))


SOLE_TRADER_FORMS = frozenset({"EI", "EIRL", "MICRO", "AE"})


def _legal_form(i: ScoringInputs) -> Decimal:
    if i.debtor_type == "person":
        return D("-0.10")
    return D("-0.20") if (i.legal_form or "").upper() in SOLE_TRADER_FORMS else D("0")


def _company_age(i: ScoringInputs) -> Decimal:
    if i.company_age_years is None:
        return D("0")
    return _step(i.company_age_years, ((1, D("-0.40")), (5, D("-0.10")), (10, D("0"))), D("0.30"))


def _insolvency(i: ScoringInputs) -> Decimal:
    return D("-4.00") if i.insolvency else D("0")


def _contact(i: ScoringInputs) -> Decimal:
    return {0: D("-1.00"), 1: D("-0.40"), 2: D("0")}.get(i.contact_channels, D("0.30"))


def _insurer_grade(i: ScoringInputs) -> Decimal:
    if i.insurer_grade is None:
        return D("0")
    return _step(i.insurer_grade, ((3, D("0.50")), (6, D("0")), (8, D("-0.50"))), D("-1.00"))


def _insurer_limit(i: ScoringInputs) -> Decimal:
    if i.insurer_limit is None:
        return D("0")
    if i.insurer_limit == 0:
        return D("-0.60")  # the insurer refused cover
    if i.outstanding is None:
        return D("0")
    return D("-0.30") if i.outstanding > i.insurer_limit else D("0")


FACTORS: tuple[tuple[str, Callable[[ScoringInputs], Decimal]], ...] = (
    ("outstanding", _amount),
    ("days_past_due", _age),
    ("open_cases", _open_cases),
    ("partial_payments", _partial),
    ("promises_kept", _kept),
    ("promises_broken", _broken),
    ("disputes", _disputes),
    ("legal_failures", _legal),
    ("legal_form", _legal_form),
    ("company_age_years", _company_age),
    ("insolvency", _insolvency),
    ("contact_channels", _contact),
    ("insurer_grade", _insurer_grade),
    ("insurer_limit", _insurer_limit),
)


def assess(inputs: ScoringInputs) -> Assessment:
    reasons = [Reason("BASE", "base", None, BASE)]
    for factor, points in FACTORS:
        contribution = points(inputs)
        if contribution != 0:
            value = (inputs.legal_form or inputs.debtor_type) if factor == "legal_form" else getattr(inputs, factor)
            reasons.append(Reason(code_of(factor), factor, value, contribution))
    reasons += currency_reasons(inputs.other_currencies)
    log_odds = sum((r.contribution for r in reasons), Decimal("0"))
    return Assessment(probability_from_log_odds(float(log_odds)), ordered(reasons), VERSION)
