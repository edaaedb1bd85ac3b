"""The API benchmark's load run through `wrk` (the Debian package, `make bench` installs it when it can): one wrk
thread keeps the connections busy in C, where the bounded asyncio client (`bench.http_load`) spends a share of
the same two cores in Python. wrk's own Lua hook writes what the run measured as one JSON line: requests, the
answers outside 2xx and 3xx, socket errors, and the latencies' percentiles in microseconds."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

# wrk calls `done` once, at the end; `latency` holds every request's latency in microseconds.
_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"status_errors":%d,"socket_errors":%d,'
    .. '"p50_us":%d,"p99_us":%d,"mean_us":%f}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), latency.mean))
end
"""


def available() -> str | None:
    """wrk's path, when it is installed."""
    return shutil.which("wrk")


def load(
    url: str, *, headers: dict[str, str], connections: int = 32, seconds: float = 5.0, warmup_s: float = 1.0
) -> dict[str, Any]:
    """GET `url` over `connections` connections for `seconds` (after `warmup_s` of the same, not counted), as the
    asyncio client's `Load.summary()` says it. A request answered outside 2xx and 3xx counts as an error; wrk
    keeps its latency among the others (the reads measured all answer 200: the benchmark checks one first)."""
    with tempfile.TemporaryDirectory(prefix="recouvra-wrk-") as folder:
        script = Path(folder) / "report.lua"
        script.write_text(_REPORT)
        if warmup_s:
            _run(url, headers, connections, warmup_s, script)
        said = _run(url, headers, connections, seconds, script)
    seconds_run = said["duration_us"] / 1e6
    answered = said["requests"] - said["status_errors"]
    errors = {"not 2xx or 3xx": said["status_errors"], "socket": said["socket_errors"]}
    return {
        "requests_per_s": answered / seconds_run,
        "p50_ms": said["p50_us"] / 1000,
        "p99_ms": said["p99_us"] / 1000,
        "mean_ms": said["mean_us"] / 1000,
        "requests": answered,
        "errors": sum(errors.values()),
        "errors_by_status": {kind: count for kind, count in errors.items() if count},
    }


def _run(url: str, headers: dict[str, str], connections: int, seconds: float, script: Path) -> dict[str, Any]:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "-s", str(script)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    finished = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + 60, check=True)
    last = finished.stdout.strip().splitlines()[-1]
    report: dict[str, Any] = json.loads(last)
    return report
