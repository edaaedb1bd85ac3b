"""When a fitted scorecard may replace the expert one: its held-out AUC at least 0.60 with 95 % confidence, the
confidence from Hanley and McNeil's standard error of an AUC. Without a database."""

import pytest

from scoring.scorecard.training import Evaluation, auc_standard_error
from scoring.scores.retraining import MIN_AUC_TO_ACTIVATE, decision


def test_the_standard_error_is_hanley_and_mcneils_worked_by_hand():
    # AUC 0.80 on 50 recovered and 50 written off: Q1 = 0.8 / 1.2 = 0.66667, Q2 = 2 × 0.64 / 1.8 = 0.71111;
    # variance = (0.8 × 0.2 + 49 × (0.66667 - 0.64) + 49 × (0.71111 - 0.64)) / 2,500 = 4.95111 / 2,500 = 0.0019804;
    # standard error √0.0019804 = 0.04450.
    assert auc_standard_error(0.80, positives=50, negatives=50) == pytest.approx(0.04450, abs=5e-5)
    # Fewer rows, a wider error; a perfect separation leaves none.
    assert auc_standard_error(0.80, positives=9, negatives=9) > auc_standard_error(0.80, positives=90, negatives=90)
    assert auc_standard_error(1.0, positives=9, negatives=9) == 0.0


def test_the_same_auc_activates_on_many_held_out_cases_and_not_on_a_few():
    def evaluated(auc: float, each: int) -> Evaluation:
        error = auc_standard_error(auc, positives=each, negatives=each)
        return Evaluation(auc=auc, gini=2 * auc - 1, train_rows=0, test_rows=2 * each, auc_standard_error=error)

    few, many = evaluated(0.70, 9), evaluated(0.70, 300)
    assert few.auc_lower_bound < MIN_AUC_TO_ACTIVATE <= many.auc_lower_bound
    assert many.auc_lower_bound == pytest.approx(0.70 - 1.6449 * many.auc_standard_error)

    refused = decision({**few.as_dict(), "activation_threshold": 0.6}, active=False)
    assert refused is not None and refused[0].startswith("not activated: AUC 0.70 on 18 held-out cases")
    assert refused[1].startswith("non activé : AUC de 0,70 sur 18 dossiers mis de côté")
    in_use = decision({**many.as_dict(), "activation_threshold": 0.6}, active=True)
    assert in_use is not None and in_use[0].startswith("in use: AUC 0.70 on 600 held-out cases, at least 0.6")
    # A version trained before the bound was recorded says nothing rather than guess.
    assert decision({"auc": 0.7, "gini": 0.4, "train_rows": 42, "test_rows": 18}, active=True) is None
