"""Training and held-out evaluation of a scorecard: the one code path of the service and the benchmark."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from scoring.scorecard.binning import fit_categorical, fit_numeric, information_value
from scoring.scorecard.model import Scorecard, Term, category_column, numeric_column

MIN_INFORMATION_VALUE = 0.02  # below it a factor is noise (the usual scorecard threshold)


@dataclass(frozen=True)
class FeatureSpec:
    numeric: tuple[str, ...]
    categorical: tuple[str, ...]


@dataclass(frozen=True)
class Evaluation:
    auc: float
    gini: float
    train_rows: int
    test_rows: int

    def as_dict(self) -> dict[str, float | int]:
        return {
            "auc": round(self.auc, 4),
            "gini": round(self.gini, 4),
            "train_rows": self.train_rows,
            "test_rows": self.test_rows,
        }


def fit_scorecard(
    frame: pd.DataFrame,
    outcome: Sequence[int] | npt.NDArray[np.int_],
    *,
    spec: FeatureSpec,
    version: str,
    regularisation: float = 1.0,
) -> Scorecard:
    """Bin every factor, keep those with information value of at least 0.02, fit a logistic regression
    on their weights of evidence. `outcome` is 1 for the good outcome (recovered, creditworthy)."""
    y = np.asarray(outcome, dtype=int)
    if len(set(y.tolist())) < 2:
        raise ValueError("training needs both outcomes among the rows (recovered and not recovered)")
    candidates: list[Term] = []
    for feature in spec.numeric:
        values = numeric_column(frame[feature])
        bins = fit_numeric(values, y)
        candidates.append(Term(feature, bins, 0.0, information_value(bins.transform(values), y)))
    for feature in spec.categorical:
        categories = category_column(frame[feature])
        cbins = fit_categorical(categories, y)
        candidates.append(Term(feature, cbins, 0.0, information_value(cbins.transform(categories), y)))
    kept = [term for term in candidates if term.information_value >= MIN_INFORMATION_VALUE]
    if not kept:
        return Scorecard(version, float(np.log(y.mean() / (1 - y.mean()))), ())
    matrix = Scorecard(version, 0.0, tuple(kept)).woe_matrix(frame)
    regression = LogisticRegression(C=regularisation, max_iter=1000).fit(matrix, y)
    terms = tuple(
        Term(t.feature, t.bins, float(c), round(t.information_value, 4))
        for t, c in zip(kept, regression.coef_[0], strict=True)
    )
    return Scorecard(version, float(regression.intercept_[0]), terms)


def holdout_split(
    outcome: Sequence[int] | npt.NDArray[np.int_], *, test_share: float = 0.3, seed: int = 20261124
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Row positions of a stratified training and held-out split, reproducible from the seed."""
    y = np.asarray(outcome, dtype=int)
    positions = np.arange(len(y))
    train, test = train_test_split(positions, test_size=test_share, random_state=seed, stratify=y)
    return np.sort(train), np.sort(test)


def evaluate(
    outcome: Sequence[int] | npt.NDArray[np.int_], probabilities: npt.NDArray[np.float64], *, train_rows: int
) -> Evaluation:
    auc = float(roc_auc_score(np.asarray(outcome, dtype=int), probabilities))
    return Evaluation(auc=auc, gini=2 * auc - 1, train_rows=train_rows, test_rows=len(probabilities))


def train_and_evaluate(
    frame: pd.DataFrame,
    outcome: Sequence[int] | npt.NDArray[np.int_],
    *,
    spec: FeatureSpec,
    version: str,
    seed: int = 20261124,
) -> tuple[Scorecard, Evaluation]:
    """Fit on a stratified 70 % and measure AUC and Gini on the held-out 30 %."""
    y = np.asarray(outcome, dtype=int)
    train, test = holdout_split(y, seed=seed)
    model = fit_scorecard(frame.iloc[train].reset_index(drop=True), y[train], spec=spec, version=version)
    return model, evaluate(y[test], model.predict(frame.iloc[test].reset_index(drop=True)), train_rows=len(train))
