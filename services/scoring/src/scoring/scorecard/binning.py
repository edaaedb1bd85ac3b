"""Binning with weights of evidence (WOE), the classic scorecard transformation.

Numeric factors start from quantile bins (or one bin per value when there are few values) and adjacent
bins are merged until each holds at least `min_share` of the rows and the WOE is monotonic in the
direction of the overall trend: a monotonic binning keeps each factor's effect readable ("the older the
debt, the lower the chance") and resists noise. Categories rarer than `min_share` are pooled as "other".
WOE = ln(share of goods in the bin / share of bads in the bin), with half a row added to each count so
that an empty cell stays finite. Positive WOE means more goods (recoveries) than average.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

MISSING = "missing"
OTHER = "other"


def woe(goods: float, bads: float, total_goods: float, total_bads: float) -> float:
    return math.log(((goods + 0.5) / (total_goods + 0.5)) / ((bads + 0.5) / (total_bads + 0.5)))


@dataclass(frozen=True)
class NumericBins:
    edges: tuple[float, ...]  # inclusive upper bound of every bin but the last
    woes: tuple[float, ...]
    missing_woe: float = 0.0

    def index(self, values: npt.NDArray[np.float64]) -> npt.NDArray[np.intp]:
        return np.searchsorted(np.asarray(self.edges, dtype=float), values, side="left")

    def transform(self, values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        woes = np.asarray(self.woes, dtype=float)[self.index(np.nan_to_num(values, nan=0.0))]
        return np.where(np.isnan(values), self.missing_woe, woes)

    def label(self, value: float) -> str:
        if math.isnan(value):
            return MISSING
        i = int(self.index(np.asarray([value]))[0])
        low = "" if i == 0 else f"> {self.edges[i - 1]:g}"
        high = "" if i == len(self.edges) else f"≤ {self.edges[i]:g}"
        return " and ".join(part for part in (low, high) if part) or "all"

    def as_dict(self) -> dict[str, Any]:
        return {"kind": "numeric", "edges": list(self.edges), "woes": list(self.woes), "missing_woe": self.missing_woe}


@dataclass(frozen=True)
class CategoricalBins:
    woes: dict[str, float]
    other_woe: float = 0.0

    def transform(self, values: list[str]) -> npt.NDArray[np.float64]:
        return np.asarray([self.woes.get(v, self.other_woe) for v in values], dtype=float)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": "categorical", "woes": dict(self.woes), "other_woe": self.other_woe}


Bins = NumericBins | CategoricalBins


def bins_from_dict(data: dict[str, Any]) -> Bins:
    if data["kind"] == "numeric":
        return NumericBins(tuple(data["edges"]), tuple(data["woes"]), data["missing_woe"])
    return CategoricalBins(dict(data["woes"]), data["other_woe"])


def _counts(index: npt.NDArray[np.intp], y: npt.NDArray[np.int_], size: int) -> tuple[list[float], list[float]]:
    goods = np.bincount(index, weights=y, minlength=size)
    totals = np.bincount(index, minlength=size)
    return list(goods.astype(float)), list((totals - goods).astype(float))


def fit_numeric(
    values: npt.NDArray[np.float64], y: npt.NDArray[np.int_], *, max_bins: int = 10, min_share: float = 0.05
) -> NumericBins:
    present = ~np.isnan(values)
    x, target = values[present], y[present]
    total_goods, total_bads = float(y.sum()), float(len(y) - y.sum())
    unique = np.unique(x)
    if len(unique) <= max_bins:
        edges = list(unique[:-1])
    else:
        edges = sorted(set(np.quantile(x, np.linspace(0, 1, max_bins + 1)[1:-1]).tolist()))
    edges = [float(e) for e in edges]
    goods, bads = _counts(np.searchsorted(np.asarray(edges), x, side="left"), target, len(edges) + 1)
    trend = np.sign(np.corrcoef(x, target)[0, 1]) if len(unique) > 1 and target.std() > 0 else 0.0
    minimum = min_share * len(y)

    def merge(i: int) -> None:  # bin i absorbs bin i + 1
        goods[i] += goods.pop(i + 1)
        bads[i] += bads.pop(i + 1)
        edges.pop(i)

    changed = True
    while changed and edges:
        changed = False
        w = [woe(g, b, total_goods, total_bads) for g, b in zip(goods, bads, strict=True)]
        for i in range(len(edges)):
            small = goods[i] + bads[i] < minimum or goods[i + 1] + bads[i + 1] < minimum
            reversed_trend = trend != 0 and (w[i + 1] - w[i]) * trend < 0
            if small or reversed_trend:
                merge(i)
                changed = True
                break
    woes = tuple(woe(g, b, total_goods, total_bads) for g, b in zip(goods, bads, strict=True))
    missing_goods, missing_rows = float(y[~present].sum()), int((~present).sum())
    missing = 0.0
    if missing_rows >= minimum:
        missing = woe(missing_goods, missing_rows - missing_goods, total_goods, total_bads)
    return NumericBins(tuple(edges), woes, missing)


def fit_categorical(values: list[str], y: npt.NDArray[np.int_], *, min_share: float = 0.05) -> CategoricalBins:
    total_goods, total_bads = float(y.sum()), float(len(y) - y.sum())
    categories, index = np.unique(np.asarray(values, dtype=object), return_inverse=True)
    goods, bads = _counts(index, y, len(categories))
    woes: dict[str, float] = {}
    other_goods = other_bads = 0.0
    for category, g, b in zip(categories, goods, bads, strict=True):
        if g + b >= min_share * len(y):
            woes[str(category)] = woe(g, b, total_goods, total_bads)
        else:
            other_goods, other_bads = other_goods + g, other_bads + b
    other = woe(other_goods, other_bads, total_goods, total_bads) if other_goods + other_bads > 0 else 0.0
    return CategoricalBins(woes, other)


def information_value(woes: npt.NDArray[np.float64], y: npt.NDArray[np.int_]) -> float:
    """Information value of a WOE-transformed column: how well the factor separates goods from bads."""
    total_goods, total_bads = max(float(y.sum()), 1.0), max(float(len(y) - y.sum()), 1.0)
    value = 0.0
    for w in np.unique(woes):
        cell = woes == w
        goods, bads = float(y[cell].sum()), float(cell.sum() - y[cell].sum())
        value += (goods / total_goods - bads / total_bads) * w
    return value
