"""The five services show the same top level (docs/architecture.md, "The one service shape"): `main`, `config`,
`errors`, `deps`, `handlers` (and the demo `seed`, a `__main__` where the service has a command), a `domain/`
package for the pure rules, a `routes/` package, and otherwise packages, one per aggregate. Read from the tree: a
module added at the top level fails here and names itself."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("portal", "intake", "scoring", "dunning", "legal")
REQUIRED_MODULES = {"main", "config", "errors", "deps", "handlers"}
ALLOWED_MODULES = REQUIRED_MODULES | {"__init__", "__main__", "seed"}
REQUIRED_PACKAGES = {"domain", "routes"}


def top_level(service: str) -> tuple[set[str], set[str]]:
    """(modules, packages) at the top of the service's source package."""
    source = ROOT / "services" / service / "src" / service
    modules = {path.stem for path in source.glob("*.py")}
    packages = {path.name for path in source.iterdir() if (path / "__init__.py").is_file()}
    return modules, packages


@pytest.mark.parametrize("service", SERVICES)
def test_the_top_level_holds_the_shape_s_modules_and_packages_only(service):
    modules, packages = top_level(service)
    assert sorted(REQUIRED_MODULES - modules) == [], f"{service}: the shape's modules are missing"
    assert sorted(REQUIRED_PACKAGES - packages) == [], f"{service}: the shape's packages are missing"
    stray = sorted(modules - ALLOWED_MODULES)
    assert stray == [], f"{service}: move these into domain/ or the package of their aggregate: {stray}"
