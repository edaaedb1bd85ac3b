"""One run of the flow on a fresh platform, with or without the killer, to its settled snapshot; and the
comparison of two runs into the figures `make proof` prints."""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from proof.client import Api
from proof.flow import Case, Flow, plan
from proof.killer import TARGETS, Killer, Schedule
from proof.snapshot import case_view, leftovers, mail_counts, post_mortem, settle

from bench.platform import running_platform

PAID = ("transfer", "camt", "bailiff")


@dataclass
class Run:
    label: str
    cases: dict[str, dict[str, Any]] = field(default_factory=dict)
    leftovers: dict[str, int] = field(default_factory=dict)
    kills: list[tuple[str, float]] = field(default_factory=list)
    kill_errors: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    stuck_keys: list[str] = field(default_factory=list)
    lost_answers: list[str] = field(default_factory=list)
    recovered_answers: list[str] = field(default_factory=list)
    retries: int = 0
    messages: int = 0
    payments_sent: int = 0
    payments_seen: dict[str, int] = field(default_factory=dict)
    mail_doubled: int = 0
    seconds: float = 0.0
    settle_seconds: float = 0.0


def run_flow(label: str, cases: int, seed: int, targets: tuple[str, ...]) -> Run:
    started = time.monotonic()
    result = Run(label)
    gate = threading.Event()
    gate.set()
    with running_platform() as stack:
        api = Api(stack.layout.url("portal"), gate)
        planned = plan(cases, seed)
        flow = Flow(api, planned)
        killer = Killer(stack, gate, flow.set_clock)
        schedule = Schedule(killer, targets, flow.operations())
        flow.tick = schedule.tick
        flow.say = lambda line: print(f"    {label}: {line}", flush=True)

        def settled() -> None:
            settle(stack, quiet_s=3.0)

        flow.settled = settled
        schedule.start()
        try:
            flow.run()
        except BaseException:
            keep = os.environ.get("PROOF_OUT")
            if keep:  # a run that fails half-way keeps its logs and dunning's state too, the platform being gone
                shutil.copytree(stack.layout.var_dir / "log", f"{keep}/{label}-log", dirs_exist_ok=True)
                with open(f"{keep}/{label}-post-mortem.json", "w") as handle:
                    json.dump(post_mortem(stack), handle, indent=1, default=str, ensure_ascii=False)
            raise
        finally:
            schedule.finish()
        print(f"  {label}: flow done in {time.monotonic() - started:.0f} s, settling…", flush=True)
        result.settle_seconds = settle(stack)
        result.leftovers = leftovers(stack)
        mail = mail_counts(stack)
        for case in planned:
            if not case.id:
                continue
            view = case_view(api, case)
            sent, distinct = mail.get(case.email, (0, 0))
            view["maildir"] = sent
            result.mail_doubled += sent - distinct
            result.cases[case.reference] = view
            result.payments_seen[case.reference] = len(view["payments"].get("items", []))
        result.messages = sum(sent for sent, _ in mail.values())
        result.kills, result.kill_errors = killer.kills, schedule.errors
        result.failures, result.stuck_keys, result.retries = flow.failures, api.stuck_keys, api.retries
        result.lost_answers, result.recovered_answers = api.lost_answers, api.recovered_answers
        result.payments_sent = flow.payments
        api.close()
        keep = os.environ.get("PROOF_OUT")
        if keep:  # the platform's logs and both runs' snapshots, kept for a post-mortem
            shutil.copytree(stack.layout.var_dir / "log", f"{keep}/{label}-log", dirs_exist_ok=True)
            with open(f"{keep}/{label}-cases.json", "w") as handle:
                json.dump(result.cases, handle, indent=1, default=str, ensure_ascii=False)
            with open(f"{keep}/{label}-post-mortem.json", "w") as handle:
                json.dump(post_mortem(stack), handle, indent=1, default=str, ensure_ascii=False)
    result.seconds = time.monotonic() - started
    return result


def figures(calm: Run, fired: Run, planned: list[Case]) -> dict[str, Any]:
    expected = {c.reference: (1 if c.part in PAID else 0) for c in planned}
    lost = sum(max(0, n - fired.payments_seen.get(ref, 0)) for ref, n in expected.items())
    doubled = sum(max(0, fired.payments_seen.get(ref, 0) - n) for ref, n in expected.items())
    calm_lost = sum(max(0, n - calm.payments_seen.get(ref, 0)) for ref, n in expected.items())
    differing = sorted(ref for ref in set(calm.cases) | set(fired.cases) if calm.cases.get(ref) != fired.cases.get(ref))
    left = {f"{run.label} {k}": v for run in (calm, fired) for k, v in run.leftovers.items() if v}
    return {
        "cases": len(planned),
        "kills": len(fired.kills),
        "kills failed": len(fired.kill_errors),
        "messages (undisturbed, fired)": [calm.messages, fired.messages],
        "payments (sent per run)": fired.payments_sent,
        "payments lost": lost,
        "payments lost undisturbed": calm_lost,
        "payments doubled": doubled,
        "messages doubled": calm.mail_doubled + fired.mail_doubled,
        "differences": len(differing),
        "leftovers": sum(left.values()),
        "requests failed": len(calm.failures) + len(fired.failures),
        "idempotency keys stuck": len(calm.stuck_keys) + len(fired.stuck_keys),
        "answers lost (carried out, told 409)": len(calm.lost_answers) + len(fired.lost_answers),
        "_details": {
            "differing cases": differing[:20],
            "first difference": _first_difference(calm.cases, fired.cases, differing),
            "leftovers": left,
            "kills (target, seconds)": fired.kills,
            "kill errors": fired.kill_errors,
            "failures": (calm.failures + fired.failures)[:20],
            "stuck keys": (calm.stuck_keys + fired.stuck_keys)[:20],
            "retries (undisturbed, fired)": [calm.retries, fired.retries],
            "answers lost and recovered (303 to what the request created)": calm.recovered_answers
            + fired.recovered_answers,
            "seconds (undisturbed, fired)": [round(calm.seconds), round(fired.seconds)],
            "settle seconds (undisturbed, fired)": [round(calm.settle_seconds), round(fired.settle_seconds)],
        },
    }


def _first_difference(calm: dict[str, Any], fired: dict[str, Any], differing: list[str]) -> dict[str, Any]:
    if not differing:
        return {}
    ref = differing[0]
    a, b = calm.get(ref, {}), fired.get(ref, {})
    parts = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
    flat_a, flat_b = _flat(a), _flat(b)
    paths = sorted(p for p in set(flat_a) | set(flat_b) if flat_a.get(p) != flat_b.get(p))
    return {"case": ref, "parts": parts, "paths": {p: [flat_a.get(p), flat_b.get(p)] for p in paths[:15]}}


def _flat(value: Any, path: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in _flat(item, f"{path}.{key}").items()}
    if isinstance(value, list):
        return {k: v for i, item in enumerate(value) for k, v in _flat(item, f"{path}[{i}]").items()}
    return {path: value}


ZERO = (
    "kills failed",
    "payments lost",
    "payments lost undisturbed",
    "payments doubled",
    "messages doubled",
    "differences",
    "leftovers",
    "requests failed",
    "idempotency keys stuck",
)


def prove(cases: int, seed: int, targets: tuple[str, ...] = TARGETS) -> bool:
    print(f"proof: {cases} cases (seed {seed}), undisturbed then under fire ({', '.join(targets)})", flush=True)
    calm = run_flow("undisturbed", cases, seed, ())
    fired = run_flow("fired", cases, seed, targets)
    result = figures(calm, fired, plan(cases, seed))
    details = result.pop("_details")
    for name, value in result.items():
        print(f"  {name:<32} {value}")
    print(json.dumps(details, indent=2, default=str, ensure_ascii=False))
    return all(result[name] == 0 for name in ZERO)
