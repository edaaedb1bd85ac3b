"""Write the generated manifests of k8s/base (settings, Kafka topics, workloads, network policies) from the code.

.venv/bin/python deploy/generate_k8s.py          # write what changed
.venv/bin/python deploy/generate_k8s.py --check  # exit 1 if a file is out of date (what tests/deploy checks)
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from k8sgen.files import stale, write  # noqa: E402


def main(argv: list[str]) -> int:
    root = HERE.parent
    if "--check" in argv:
        out_of_date = stale(root)
        for path in out_of_date:
            print(f"out of date: {path} (run deploy/generate_k8s.py)")
        return 1 if out_of_date else 0
    for path in write(root):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
