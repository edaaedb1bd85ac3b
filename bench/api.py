"""`python -m bench api [--api-seconds S]`: API reads at 32 connections on the platform as `make run` starts it,
next to a bare FastAPI app (one `def` route returning a constant, one uvicorn worker) started by the benchmark and
loaded by the same client in the same run: `wrk` when installed (`bench.wrk_load`; `make bench` installs the Debian
package when it can), else a bounded asyncio client (`bench.http_load`). The output says which.

Reads: `GET /api/v1/cases/{id}`, `GET /api/v1/cases?limit=20` and `GET /api/v1/cases/{id}/statement`, each
directly on intake and through the portal's gateway (port 8000 under `make run`), as the demo creditor, over
cases opened for the run. Target: at least 40 % of the bare app's rate, p99 under 25 ms."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import uuid
from typing import Any

import httpx

from workbench.stack.broker import free_port
from workbench.stack.launcher import Stack

from bench import http_load, results, wrk_load
from bench.platform import running_platform

RATE_TARGET = 0.40
P99_TARGET_MS = 25.0
CASES = 40


def _open_cases(stack: Stack, headers: dict[str, str]) -> list[str]:
    portal = stack.layout.url("portal")
    run = uuid.uuid4().hex[:6]
    ids = []
    for index in range(CASES):
        reference = f"API-{run}-{index}"
        response = httpx.post(
            f"{portal}/api/v1/cases",
            headers=headers,
            timeout=30,
            json={
                "reference": reference,
                "kind": "b2b",
                "debtor": {
                    "type": "company",
                    "name": f"Société banc {run} {index}",
                    "address": {"line1": f"{index + 1} rue des Lilas", "postal_code": "69003", "city": "Lyon"},
                },
                "invoices": [
                    {
                        "number": f"{reference}-F{n}",
                        "issue_date": "2026-05-02",
                        "due_date": "2026-06-01",
                        "amount": f"{400 + n}.00",
                    }
                    for n in range(3)
                ],
            },
        )
        response.raise_for_status()
        ids.append(response.json()["id"])
    return ids


def _bare_app() -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "bench.bare_app:app",
            "--port",
            str(port),
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/constant", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the bare app did not start")


def _kept_answers(metrics: str) -> dict[str, dict[str, float]]:
    """Each keeper's reads answered from it and rendered, from the Prometheus text: what the reads measured were."""
    kept: dict[str, dict[str, float]] = {}
    for kind in ("hits", "misses"):
        for name, value in re.findall(rf'^kept_answers_{kind}_total\{{answers="([^"]+)"\}} (\S+)$', metrics, re.M):
            kept.setdefault(name, {})[kind] = float(value)
    return kept


def _lane_reads(metrics: str) -> dict[str, float]:
    """Requests answered by a lane ahead of the framework, by route (`shared.lane_reads`, the portal's read lane)."""
    return {route: float(n) for route, n in re.findall(r'^lane_reads_total\{route="([^"]+)"\} (\S+)$', metrics, re.M)}


def _client() -> tuple[str, Any]:
    """(what the output calls the client, its `load(url, headers=, connections=, seconds=)` giving a summary)."""
    if wrk_load.available():
        return "wrk, one thread", wrk_load.load
    return "bounded asyncio client (bench/http_load.py); wrk not installed", (
        lambda url, **options: http_load.load(url, **options).summary()
    )


def run(*, seconds: float = 5.0, connections: int = 32) -> dict[str, Any]:
    client, load = _client()
    bare_process, bare_url = _bare_app()
    figures: dict[str, dict[str, Any]] = {}
    try:
        with running_platform() as stack:
            token = httpx.post(
                f"{stack.layout.url('portal')}/api/v1/auth/token",
                data={"grant_type": "password", "username": "creditor@demo.example", "password": "demo-password"},
                timeout=30,
            ).json()["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            case_id = _open_cases(stack, headers)[0]
            paths = {
                "case": f"/api/v1/cases/{case_id}",
                "list": "/api/v1/cases?limit=20",
                "statement": f"/api/v1/cases/{case_id}/statement",
            }
            for path in paths.values():
                for where in ("intake", "portal"):
                    url = stack.layout.url(where) + path
                    check = httpx.get(url, headers=headers, timeout=30)
                    assert check.status_code == 200, (url, check.status_code, check.text[:300])
            figures["bare"] = load(f"{bare_url}/constant", headers={}, connections=connections, seconds=seconds)
            for name, path in paths.items():
                for where, label in (("intake", "direct"), ("portal", "gateway")):
                    url = stack.layout.url(where) + path
                    figures[f"{name} {label}"] = load(url, headers=headers, connections=connections, seconds=seconds)
            figures["bare again"] = load(f"{bare_url}/constant", headers={}, connections=connections, seconds=seconds)
            intake_metrics = httpx.get(f"{stack.layout.url('intake')}/metrics", timeout=30).text
            kept = _kept_answers(intake_metrics)
            lanes = {
                "intake": _lane_reads(intake_metrics),
                "portal": _lane_reads(httpx.get(f"{stack.layout.url('portal')}/metrics", timeout=30).text),
            }
    finally:
        bare_process.terminate()
        bare_process.wait(timeout=10)
    bare_rate = max(figures["bare"]["requests_per_s"], figures["bare again"]["requests_per_s"])
    print(f"API reads at {connections} connections, {seconds:.0f} s each ({client}):")
    print(f"  {'':<20} {'req/s':>8} {'of bare':>8} {'p50 ms':>8} {'p99 ms':>8} {'not 200':>8}  statuses")
    worst_share, worst_p99 = float("inf"), 0.0
    for label, row in figures.items():
        share = row["requests_per_s"] / bare_rate
        row["share_of_bare"] = share
        if not label.startswith("bare"):
            worst_share, worst_p99 = min(worst_share, share), max(worst_p99, row["p99_ms"])
        print(
            f"  {label:<20} {row['requests_per_s']:>8.0f} {share:>8.0%} {row['p50_ms']:>8.1f} "
            f"{row['p99_ms']:>8.1f} {row['errors']:>8.0f}  {row['errors_by_status'] or ''}"
        )
    met = worst_share >= RATE_TARGET and worst_p99 < P99_TARGET_MS
    print(
        "  answers kept rendered (intake's /metrics, docs/architecture.md): "
        + "; ".join(f"{name}: {n['hits']:,.0f} answered kept, {n['misses']:,.0f} rendered" for name, n in kept.items())
    )
    print(
        "  answered by a lane ahead of the framework (docs/architecture.md): "
        + "; ".join(f"{where} {route}: {n:,.0f}" for where, routes in lanes.items() for route, n in routes.items())
    )
    print(
        f"  targets: every read at least {RATE_TARGET:.0%} of the bare app -> "
        f"{'met' if worst_share >= RATE_TARGET else 'NOT met'} (worst {worst_share:.0%}); p99 under "
        f"{P99_TARGET_MS:.0f} ms -> {'met' if worst_p99 < P99_TARGET_MS else 'NOT met'} (worst {worst_p99:.0f} ms)"
    )
    results.write(
        "api",
        ratio=worst_share,
        target=RATE_TARGET,
        better="higher",
        met=met,
        p99_target_ms=P99_TARGET_MS,
        worst_p99_ms=worst_p99,
        connections=connections,
        seconds_each=seconds,
        client=client,
        reads=figures,
        kept_answers=kept,
        lane_reads=lanes,
    )
    return {"ratio": worst_share, "met": met}
