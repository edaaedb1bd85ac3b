"""What every benchmark leaves for scripts: `var/bench/NAME.json` with the verdict (`ratio`, `target`, `met`)
and the raw figures, written next to the table it prints."""

from __future__ import annotations

import json
import platform
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parents[1] / "var" / "bench"


def write(name: str, *, ratio: float, target: float, met: bool, better: str, **figures: Any) -> Path:
    """`better` says which way the ratio should go: "lower" (at most `target`) or "higher" (at least)."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    document = {
        "name": name,
        "ratio": ratio,
        "target": target,
        "better": better,
        "met": bool(met),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        **figures,
    }
    path.write_text(json.dumps(document, indent=2, sort_keys=False, default=str) + "\n")
    print(f"  -> {path.relative_to(RESULTS_DIR.parents[1])}")
    return path
