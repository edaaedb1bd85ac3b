"""Fitting a logistic scorecard on synthetic outcomes, without a database."""

import numpy as np
import pandas as pd
import pytest

from scoring.scorecard.binning import fit_numeric
from scoring.scorecard.model import Scorecard
from scoring.scorecard.training import FeatureSpec, fit_scorecard, train_and_evaluate

SPEC = FeatureSpec(numeric=("days_past_due", "noise"), categorical=("debtor_type",))


def synthetic(rows: int = 600, seed: int = 3) -> tuple[pd.DataFrame, np.ndarray]:
    """Older debts and persons recover less; `noise` says nothing."""
    rng = np.random.default_rng(seed)
    days = rng.integers(0, 400, rows)
    person = rng.random(rows) < 0.4
    log_odds = 1.5 - days / 120 - 0.8 * person
    recovered = (rng.random(rows) < 1 / (1 + np.exp(-log_odds))).astype(int)
    frame = pd.DataFrame(
        {"days_past_due": days, "noise": rng.random(rows), "debtor_type": np.where(person, "person", "company")}
    )
    return frame, recovered


def test_numeric_bins_are_monotonic_in_the_direction_of_the_trend():
    frame, y = synthetic()
    bins = fit_numeric(frame["days_past_due"].to_numpy(dtype=float), y)
    assert len(bins.woes) >= 2
    assert all(later < earlier for earlier, later in zip(bins.woes, bins.woes[1:], strict=False))


def test_a_fitted_scorecard_ranks_held_out_cases_and_weighs_noise_least():
    frame, y = synthetic()
    model, evaluation = train_and_evaluate(frame, y, spec=SPEC, version="scorecard-test")
    assert evaluation.auc > 0.7 and evaluation.gini == pytest.approx(2 * evaluation.auc - 1)
    assert evaluation.train_rows + evaluation.test_rows == len(y)
    information = {term.feature: term.information_value for term in model.terms}
    assert information.get("noise", 0.0) < min(information["days_past_due"], information["debtor_type"])


def test_a_scorecard_survives_storage_and_explains_a_score_factor_by_factor():
    frame, y = synthetic()
    model = fit_scorecard(frame, y, spec=SPEC, version="scorecard-1")
    restored = Scorecard.from_dict(model.as_dict())
    old, recent = {"days_past_due": 380, "debtor_type": "person"}, {"days_past_due": 5, "debtor_type": "company"}
    assert restored.explain(old).probability < restored.explain(recent).probability
    assessment = restored.explain(old)
    assert assessment.model_version == "scorecard-1"
    assert {r.code for r in assessment.reasons} >= {"BASE", "DEBT_AGE", "DEBTOR_TYPE"}
    total = sum(float(r.contribution) for r in assessment.reasons)
    assert float(assessment.probability) == pytest.approx(1 / (1 + np.exp(-total)), abs=1e-3)


def test_unknown_values_score_without_error():
    frame, y = synthetic()
    model = fit_scorecard(frame, y, spec=SPEC, version="scorecard-1")
    assert 0 < model.explain({"days_past_due": None, "debtor_type": "association"}).probability < 1


def test_training_refuses_rows_that_all_share_one_outcome():
    frame, _ = synthetic(50)
    with pytest.raises(ValueError, match="both outcomes"):
        fit_scorecard(frame, np.ones(50, dtype=int), spec=SPEC, version="x")
