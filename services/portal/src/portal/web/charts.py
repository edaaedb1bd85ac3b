"""Bar charts drawn on the server as SVG: the geometry here (pure), the markup in the template. No script,
so the chart shows on any browser, prints, and reads the same to a screen reader (the table beside it)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    caption: str  # the amount as the reader writes it
    x: float
    y: float
    width: float
    height: float
    tone: str = ""


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    baseline: float
    bars: list[Bar]


def bar_chart(
    values: list[tuple[str, Decimal, str, str]], *, width: int = 640, height: int = 280, margin: int = 36
) -> BarChart:
    """(label, value, caption, tone) per bar, left to right; heights proportional to the largest value."""
    top, bottom = margin, height - margin
    largest = max((value for _, value, _, _ in values if value > 0), default=Decimal(0))
    slot = (width - 2 * 8) / max(len(values), 1)
    bar_width = slot * 0.62
    bars = []
    for index, (label, value, caption, tone) in enumerate(values):
        share = float(value / largest) if largest > 0 and value > 0 else 0.0
        bar_height = (bottom - top) * share
        x = 8 + slot * index + (slot - bar_width) / 2
        bars.append(
            Bar(
                label,
                value,
                caption,
                round(x, 1),
                round(bottom - bar_height, 1),
                round(bar_width, 1),
                round(bar_height, 1),
                tone,
            )
        )
    return BarChart(width=width, height=height, baseline=bottom, bars=bars)
