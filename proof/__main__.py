"""`python -m proof [fire|load|all] [--cases N] [--seed S] [--kill a,b] [--seconds S]`: see proof/README.md.
Exits 1 when any figure that must be zero is not."""

from __future__ import annotations

import argparse
import json
import sys

from proof.fire import prove
from proof.killer import TARGETS
from proof.load import sustained

from bench.platform import running_platform


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="proof", description="the platform under fire (issue 18)")
    parser.add_argument("part", nargs="?", choices=("fire", "load", "all"), default="all")
    parser.add_argument("--cases", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument(
        "--kill", default=",".join(TARGETS), help=f"parts to kill in turn (default: {','.join(TARGETS)})"
    )
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the sustained load")
    args = parser.parse_args(argv)
    targets = tuple(t for t in args.kill.split(",") if t)
    unknown = set(targets) - set(TARGETS)
    if unknown:
        parser.error(f"--kill: unknown {', '.join(sorted(unknown))} (known: {', '.join(TARGETS)})")
    ok = True
    if args.part in ("fire", "all"):
        ok = prove(args.cases, args.seed, targets) and ok
    if args.part in ("load", "all"):
        with running_platform() as stack:
            figures = sustained(stack.layout.url("portal"), args.seconds)
        print("sustained load: " + json.dumps(figures, ensure_ascii=False), flush=True)
        ok = figures["errors"] == 0 and ok
    print("proof: " + ("every figure that must be zero is zero" if ok else "FAILED: see the figures above"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
