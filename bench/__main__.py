"""`python -m bench [quality|aged-balance] [--invoices N]`: run the benchmarks and print their figures."""

from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")
    parser = argparse.ArgumentParser(prog="python -m bench", description="Recouvra benchmarks")
    parser.add_argument("which", nargs="*", help="quality, aged-balance, import (all when omitted)")
    parser.add_argument(
        "--invoices", type=int, default=1_000_000, help="invoices loaded for the aged-balance benchmark"
    )
    parser.add_argument("--repeat", type=int, default=7, help="timed runs of each query (the median is reported)")
    args = parser.parse_args(argv)
    which = args.which or ["quality", "aged-balance", "import"]
    unknown = set(which) - {"quality", "aged-balance", "import"}
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}; choose quality, aged-balance or import")
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
            return 1
    if "import" in which:
        from bench import intake_import

        intake_import.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
