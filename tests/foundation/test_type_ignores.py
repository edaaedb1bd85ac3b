"""Every `type: ignore` in the code mypy checks (the kernel, the five services, the workbench), in the test trees and
in the tools (bench, proof, deploy) names the error it silences and says why on its line (issue 10):
`# type: ignore[code]  # the reason`. In the code it checks, mypy's strict mode already refuses one that silences
nothing."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKED = (
    "shared/src",
    "services/*/src",
    "workbench/src",
    "shared/tests",
    "services/*/tests",
    "workbench/tests",
    "tests",
    "bench",
    "proof",
    "deploy",
)
WITH_REASON = re.compile(r"#\s*type:\s*ignore\[[a-z0-9-]+(,\s*[a-z0-9-]+)*\]\s*#\s*\S")


def test_every_type_ignore_names_its_error_and_gives_its_reason():
    bare = [
        f"{path.relative_to(ROOT)}:{number}"
        for pattern in CHECKED
        for tree in ROOT.glob(pattern)
        for path in tree.rglob("*.py")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"#\s*type:\s*ignore", line) and not WITH_REASON.search(line)
    ]
    assert bare == [], f"write `# type: ignore[code]  # why` on these lines: {bare}"
