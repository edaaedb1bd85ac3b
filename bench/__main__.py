"""`python -m bench [quality|aged-balance|import|dunning] [--invoices N] [--steps N --emails N]`: run the
benchmarks and print their figures; exit code 1 when a target is missed."""

from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")
    parser = argparse.ArgumentParser(prog="python -m bench", description="Recouvra benchmarks")
    parser.add_argument("which", nargs="*", help="quality, aged-balance, import, dunning (all when omitted)")
    parser.add_argument(
        "--invoices", type=int, default=1_000_000, help="invoices loaded for the aged-balance benchmark"
    )
    parser.add_argument("--steps", type=int, default=1_000_000, help="due steps the dunning scheduler selects")
    parser.add_argument("--emails", type=int, default=2_000, help="e-mail steps the dunning benchmark sends")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs of each query (the median is reported)")
    args = parser.parse_args(argv)
    everything = ["quality", "aged-balance", "import", "dunning"]
    which = args.which or everything
    unknown = set(which) - set(everything)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}; choose among {', '.join(everything)}")
    failed = False
    if "quality" in which:
        from bench import scorecard_quality

        scorecard_quality.run()
    if "aged-balance" in which:
        from bench import aged_balance

        result = aged_balance.run(invoices=args.invoices, repeat=args.repeat)
        if result["ratio"] > aged_balance.TARGET_RATIO:
            print(
                f"FAILED: the aged balance took {result['ratio']:.2f}× the bare GROUP BY "
                f"(target {aged_balance.TARGET_RATIO}×)"
            )
            failed = True
    if "import" in which:
        from bench import intake_import

        intake_import.run()
    if "dunning" in which:
        from bench import dunning

        if not dunning.run(steps=args.steps, emails=args.emails)["met"]:
            print("FAILED: a dunning target was missed (see above)")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
