"""A fitted scorecard: an intercept plus, per factor, its bins (with WOE) and a logistic coefficient.

A factor's contribution to a score is `coefficient × WOE of the bin the value falls in`, in log-odds
points; that is what the reasons show.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from scoring.domain.inputs import (
    Assessment,
    Reason,
    ScoringInputs,
    code_of,
    currency_reasons,
    ordered,
    probability_from_log_odds,
)
from scoring.scorecard.binning import MISSING, Bins, CategoricalBins, NumericBins, bins_from_dict

KIND = "logistic_scorecard"


def as_number(value: Any) -> float:
    if value is None or (isinstance(value, str) and not value.strip()):
        return math.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def as_category(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def numeric_column(values: Iterable[Any]) -> npt.NDArray[np.float64]:
    return np.asarray([as_number(v) for v in values], dtype=float)


def category_column(values: Iterable[Any]) -> list[str]:
    return [as_category(v) for v in values]


@dataclass(frozen=True)
class Term:
    feature: str
    bins: Bins
    coefficient: float
    information_value: float = 0.0

    def woes(self, frame: pd.DataFrame) -> npt.NDArray[np.float64]:
        column = frame[self.feature] if self.feature in frame else pd.Series([None] * len(frame))
        if isinstance(self.bins, NumericBins):
            return self.bins.transform(numeric_column(column))
        return self.bins.transform(category_column(column))


@dataclass(frozen=True)
class Scorecard:
    version: str
    intercept: float
    terms: tuple[Term, ...]

    def woe_matrix(self, frame: pd.DataFrame) -> npt.NDArray[np.float64]:
        return np.column_stack([term.woes(frame) for term in self.terms]) if self.terms else np.zeros((len(frame), 0))

    def predict(self, frame: pd.DataFrame) -> npt.NDArray[np.float64]:
        """Probability of the good outcome (recovery) for every row."""
        coefficients = np.asarray([term.coefficient for term in self.terms], dtype=float)
        log_odds = self.intercept + self.woe_matrix(frame) @ coefficients
        return np.asarray(1.0 / (1.0 + np.exp(-log_odds)), dtype=float)

    def explain(self, record: Mapping[str, Any]) -> Assessment:
        frame = pd.DataFrame([dict(record)])
        reasons = [Reason("BASE", "base", None, _points(self.intercept))]
        total = self.intercept
        for term in self.terms:
            contribution = float(term.coefficient * term.woes(frame)[0])
            total += contribution
            reasons.append(Reason(code_of(term.feature), term.feature, record.get(term.feature), _points(contribution)))
        reasons += currency_reasons(record.get("other_currencies"))
        return Assessment(probability_from_log_odds(total), ordered(reasons), self.version)

    def assess(self, inputs: ScoringInputs) -> Assessment:
        return self.explain(inputs.record())

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": KIND,
            "version": self.version,
            "intercept": self.intercept,
            "terms": [
                {
                    "feature": t.feature,
                    "coefficient": t.coefficient,
                    "information_value": t.information_value,
                    "bins": t.bins.as_dict(),
                }
                for t in self.terms
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scorecard:
        terms = tuple(
            Term(t["feature"], bins_from_dict(t["bins"]), t["coefficient"], t.get("information_value", 0.0))
            for t in data["terms"]
        )
        return cls(version=data["version"], intercept=data["intercept"], terms=terms)


def _points(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal("0.0001"))


__all__ = ["KIND", "CategoricalBins", "NumericBins", "Scorecard", "Term"]
