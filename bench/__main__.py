"""`python -m bench [NAME ...]`: run the benchmarks (all when no name is given: `make bench`), print their
tables and write each verdict to `var/bench/NAME.json`; exit code 1 when a target is missed.

Names: import, api, pipeline, aged-balance, idle, dunning, quality. Sizes: see `--help`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from bench import results

NAMES = ["import", "api", "pipeline", "aged-balance", "idle", "dunning", "quality"]


def _quality(args: argparse.Namespace) -> bool:
    from bench import scorecard_quality

    figures = scorecard_quality.run()
    ratio = figures["scorecard_auc"] / figures["baseline_auc"]
    results.write("quality", ratio=ratio, target=1.0, better="higher", met=ratio >= 1.0, **figures)
    return ratio >= 1.0


def _aged_balance(args: argparse.Namespace) -> bool:
    from bench import aged_balance

    figures = aged_balance.run(invoices=args.invoices, repeat=args.repeat)
    ratio = figures.pop("ratio")
    met = ratio <= aged_balance.TARGET_RATIO
    results.write(
        "aged-balance",
        ratio=ratio,
        target=aged_balance.TARGET_RATIO,
        better="lower",
        met=met,
        invoices=args.invoices,
        **figures,
    )
    return met


def _import(args: argparse.Namespace) -> bool:
    from bench import intake_import

    figures = intake_import.run(rows=args.rows, large_rows=args.large_rows)
    target = 4.0
    met = figures["ratio_to_copy"] <= target
    results.write("import", ratio=figures["ratio_to_copy"], target=target, better="lower", met=met, **figures)
    return met


def _dunning(args: argparse.Namespace) -> bool:
    from bench import dunning

    figures = dunning.run(steps=args.steps, emails=args.emails)
    met = bool(figures.pop("met"))
    results.write(
        "dunning",
        ratio=figures["rate_ratio"],
        target=dunning.RATE_TARGET,
        better="higher",
        met=met,
        selection_target_s=dunning.SELECTION_TARGET_S,
        steps=args.steps,
        emails=args.emails,
        **figures,
    )
    return met


def _idle(args: argparse.Namespace) -> bool:
    from bench import idle

    return bool(idle.run(seconds=args.seconds)["met"])


def _api(args: argparse.Namespace) -> bool:
    from bench import api

    return bool(api.run(seconds=args.api_seconds)["met"])


def _pipeline(args: argparse.Namespace) -> bool:
    from bench import pipeline

    return bool(pipeline.run(cases=args.cases, seconds=args.pipeline_seconds)["met"])


RUNNERS: dict[str, Callable[[argparse.Namespace], bool]] = {
    "quality": _quality,
    "aged-balance": _aged_balance,
    "import": _import,
    "dunning": _dunning,
    "idle": _idle,
    "api": _api,
    "pipeline": _pipeline,
}


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")
    parser = argparse.ArgumentParser(prog="python -m bench", description="Recouvra benchmarks")
    parser.add_argument("which", nargs="*", help=f"{', '.join(NAMES)} (all when omitted)")
    parser.add_argument("--rows", type=int, default=100_000, help="CSV rows of the import benchmark")
    parser.add_argument(
        "--large-rows", type=int, default=1_000_000, help="CSV rows of the import benchmark's large file (0: none)"
    )
    parser.add_argument(
        "--invoices", type=int, default=1_000_000, help="invoices loaded for the aged-balance benchmark"
    )
    parser.add_argument("--steps", type=int, default=1_000_000, help="due steps the dunning scheduler selects")
    parser.add_argument("--emails", type=int, default=3_000, help="e-mail steps the dunning benchmark sends")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs of each query (the median is reported)")
    parser.add_argument("--seconds", type=float, default=60.0, help="idle window of the idle benchmark")
    parser.add_argument("--api-seconds", type=float, default=10.0, help="load time of each read in the api benchmark")
    parser.add_argument("--cases", type=int, default=5_000, help="validations pushed through the pipeline benchmark")
    parser.add_argument(
        "--pipeline-seconds", type=float, default=10.0, help="seconds at 100 validations a second (pipeline latency)"
    )
    args = parser.parse_args(argv)
    which = args.which or [name for name in NAMES if name in RUNNERS]
    unknown = set(which) - set(NAMES)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}; choose among {', '.join(NAMES)}")
    failed = []
    for name in NAMES:
        if name not in which:
            continue
        if name not in RUNNERS:
            print(f"{name}: not written yet")
            failed.append(name)
            continue
        if not RUNNERS[name](args):
            failed.append(name)
    if failed:
        print(f"FAILED: target missed by {', '.join(failed)} (see above)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
