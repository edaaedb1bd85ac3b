"""Dependencies run one way: no import cycle between the modules of a service (or of the kernel), none between its
packages, and no private name imported from another module. Read from the source, so a new module is covered."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = {
    name: ROOT / "services" / name / "src" / name for name in ("portal", "intake", "scoring", "dunning", "legal")
}
PACKAGES["shared"] = ROOT / "shared" / "src" / "shared"
PACKAGES["workbench"] = ROOT / "workbench" / "src" / "workbench"


def modules(package: str) -> dict[str, Path]:
    found = {}
    for path in PACKAGES[package].rglob("*.py"):
        parts = path.relative_to(PACKAGES[package].parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(package: str) -> Iterator[tuple[str, str, str]]:
    """(importing module, imported module, imported name) for every import of the package's own modules,
    at module level or inside a function alike (a deferred import hides a cycle, it does not remove it)."""
    known = modules(package)
    for module, path in known.items():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            source = _absolute(node, module, is_package=path.name == "__init__.py")
            if source is not None and source.split(".")[0] == package:
                assert isinstance(node, ast.ImportFrom)
                for alias in node.names:
                    target = f"{source}.{alias.name}"
                    yield module, target if target in known else source, alias.name
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in known:
                        yield module, alias.name, ""


def _absolute(node: ast.AST, module: str, *, is_package: bool) -> str | None:
    """The module a `from ... import` reads, a relative one (`from .currencies import`) resolved against the
    importing module, so that it counts like an absolute one; None for any other statement."""
    if not isinstance(node, ast.ImportFrom):
        return None
    if node.level == 0:
        return node.module
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in list(edges):
        if node not in index:
            visit(node)
    return found


def unit(module: str) -> str:
    """A top-level module or package of the service: `intake.ledger.posting` belongs to `intake.ledger`."""
    return ".".join(module.split(".")[:2])


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_no_import_cycle_between_modules_or_packages(package):
    by_module: dict[str, set[str]] = {}
    by_unit: dict[str, set[str]] = {}
    for importer, imported, _ in imports(package):
        if importer != imported:
            by_module.setdefault(importer, set()).add(imported)
        if unit(importer) != unit(imported):
            by_unit.setdefault(unit(importer), set()).add(unit(imported))
    assert cycles(by_module) == [], "modules importing each other"
    assert cycles(by_unit) == [], "packages importing each other"


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_no_private_name_is_imported_from_another_module(package):
    private = [
        f"{importer} imports {imported}.{name}"
        for importer, imported, name in imports(package)
        if name.startswith("_") and not name.startswith("__") and imported != importer
    ]
    assert private == []


def test_the_graph_reader_sees_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_a_relative_import_counts_like_an_absolute_one(tmp_path):
    tree = ast.parse("from .currencies import code\nfrom ..domain import rules\nfrom . import x")
    nodes = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    found = [_absolute(n, "intake.imports.cii", is_package=False) for n in nodes]
    assert found == ["intake.imports.currencies", "intake.domain", "intake.imports"]
    assert _absolute(nodes[0], "intake.imports", is_package=True) == "intake.imports.currencies"


# A service's pure rules (`domain/`) read only the kernel and each other: a rule that reached for an aggregate,
# the file parsers or a use case would drag I/O into what must be testable without a database.
PURE = {"intake": "intake.domain"}


@pytest.mark.parametrize("package", sorted(PURE))
def test_the_pure_rules_import_nothing_of_their_service_but_themselves(package):
    domain = PURE[package]
    outside = sorted(
        f"{importer} imports {imported}"
        for importer, imported, _ in imports(package)
        if unit(importer) == domain and unit(imported) != domain
    )
    assert outside == []
