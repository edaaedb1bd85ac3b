"""The API benchmark's view of a load run (`workbench.testing.http_load`, a bounded client on bare asyncio streams):
the 200s' latencies, and the other answers counted by status (0: the connection lost)."""

from __future__ import annotations

import asyncio
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from workbench.testing.http_load import run_load


@dataclass(frozen=True)
class Load:
    requests: int
    errors: dict[int, int]  # status (0: connection lost) -> count
    seconds: float
    latencies_ms: list[float]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, share: float) -> float:
        if not self.latencies_ms:
            return float("inf")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    def summary(self) -> dict[str, Any]:
        return {
            "requests_per_s": self.rate,
            "p50_ms": self.percentile(0.50),
            "p99_ms": self.percentile(0.99),
            "mean_ms": statistics.fmean(self.latencies_ms) if self.latencies_ms else float("inf"),
            "requests": self.requests,
            "errors": sum(self.errors.values()),
            "errors_by_status": {str(status): count for status, count in sorted(self.errors.items())},
        }


def load(
    url: str, *, headers: dict[str, str], connections: int = 32, seconds: float = 5.0, warmup_s: float = 1.0
) -> Load:
    """GET `url` over `connections` connections for `seconds` (after `warmup_s` of the same, not counted)."""
    if warmup_s:
        asyncio.run(run_load(url, headers=headers, connections=connections, seconds=warmup_s))
    run = asyncio.run(run_load(url, headers=headers, connections=connections, seconds=seconds))
    errors = Counter(status for status, _ in run.answers if status != 200)
    return Load(len(run.latencies(200)), dict(errors), run.seconds, [s * 1000 for s in run.latencies(200)])
