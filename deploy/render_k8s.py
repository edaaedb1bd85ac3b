"""Print the manifests of a Kustomize folder as `kustomize build` would (the subset deploy/k8sgen/render.py knows).

.venv/bin/python deploy/render_k8s.py k8s/overlays/production | kubectl apply -f -
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from k8sgen.render import render


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: render_k8s.py <folder holding a kustomization.yaml>", file=sys.stderr)
        return 2
    documents = render(Path(argv[0]))
    sys.stdout.write("---\n".join(yaml.safe_dump(doc, sort_keys=False, width=120) for doc in documents))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
