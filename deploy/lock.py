"""Pin the two locks from their inputs with pip's own resolver (`make lock`): requirements.lock from
requirements.in (what the image installs), then requirements-dev.lock from requirements-dev.in constrained by the
first, so that a package both need has one version."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = "# Pinned by `make lock` from {source}; edit {source}, not this file.\n"


def resolve(source: str, *constraints: str) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        command = [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--dry-run",
            "--ignore-installed",
            "--report",
            str(report),
            "-r",
            str(ROOT / source),
        ]
        for constraint in constraints:
            command += ["-c", str(ROOT / constraint)]
        subprocess.run(command, check=True)
        installed = json.loads(report.read_text())["install"]
    pins = {item["metadata"]["name"]: item["metadata"]["version"] for item in installed}
    return [f"{name}=={pins[name]}\n" for name in sorted(pins, key=str.lower)]


def main() -> None:
    runtime = resolve("requirements.in")
    (ROOT / "requirements.lock").write_text(HEADER.format(source="requirements.in") + "".join(runtime))
    workbench = resolve("requirements-dev.in", "requirements.lock")
    (ROOT / "requirements-dev.lock").write_text(HEADER.format(source="requirements-dev.in") + "".join(workbench))
    print(f"requirements.lock: {len(runtime)} packages; requirements-dev.lock: {len(workbench)}")


if __name__ == "__main__":
    main()
