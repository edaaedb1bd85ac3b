"""Every error a person can see has its French and its English (issue 10, "French first, everywhere"): the
kernel's, scoring's, dunning's, legal's and the portal's (intake has its own walk,
services/intake/tests/unit/test_intake_message_catalogue.py). The messages are written where the code refuses, so
the source is the catalogue: this test walks it and fails on a refusal written in one language only.

- a `DomainError` built where the code refuses passes its French (`message_fr=`, or the class's own parameter for
  it), unless its class writes both texts itself, and then that class's `super().__init__` passes `message_fr`;
- no `HTTPException`: it carries one text only (raise a `DomainError`)."""

from __future__ import annotations

import ast
import importlib
import inspect
from collections.abc import Iterator
from pathlib import Path

from shared.errors import DomainError

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = {
    "shared": ROOT / "shared" / "src" / "shared",
    **{name: ROOT / "services" / name / "src" / name for name in ("scoring", "dunning", "legal", "portal")},
}
SKIPPED = ("stack", "testing")  # the workbench: the embedded servers and the test plugin, seen by no person


def _load() -> None:
    """Imports every module of the walked packages, so that every DomainError subclass is known."""
    for source in PACKAGES.values():
        for path in sorted(source.rglob("*.py")):
            parts = path.relative_to(source.parent).with_suffix("").parts
            if set(parts) & set(SKIPPED) or parts[-1] == "__main__":
                continue
            importlib.import_module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))


def subclasses(cls: type) -> Iterator[type]:
    yield cls
    for sub in cls.__subclasses__():
        yield from subclasses(sub)


def error_classes() -> dict[tuple[str, str], type[DomainError]]:
    """(package, class name) -> class, for the kernel's errors and each walked package's."""
    _load()
    return {(cls.__module__.split(".")[0], cls.__name__): cls for cls in subclasses(DomainError)}


def sources() -> Iterator[tuple[str, Path, ast.Module]]:
    for package, source in PACKAGES.items():
        for path in sorted(source.rglob("*.py")):
            if not set(path.relative_to(source).parts) & set(SKIPPED):
                yield package, path, ast.parse(path.read_text(), str(path))


def name_of(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"


def passes_french(call: ast.Call, position: int | None) -> bool:
    """`message_fr` given (by keyword, or at `position`) and not a literal None; `*args` and `**kwargs` are trusted."""
    if any(isinstance(arg, ast.Starred) for arg in call.args) or any(k.arg is None for k in call.keywords):
        return True
    given = [k.value for k in call.keywords if k.arg == "message_fr"]
    if position is not None:
        given += call.args[position : position + 1]
    return any(not (isinstance(value, ast.Constant) and value.value is None) for value in given)


def french_position(cls: type[DomainError]) -> int | None:
    """Where a caller passes the French to `cls` (None: by keyword only, or the class writes it itself)."""
    parameters = [p for p in inspect.signature(cls.__init__).parameters.values() if p.name != "self"]
    for index, parameter in enumerate(parameters):
        if parameter.name == "message_fr":
            return index if parameter.kind is not inspect.Parameter.KEYWORD_ONLY else None
    return None


def writes_its_own_texts(cls: type[DomainError]) -> bool:
    return "message_fr" not in inspect.signature(cls.__init__).parameters


CLASSES = error_classes()


def resolve(package: str, name: str) -> list[type[DomainError]]:
    return [cls for (owner, class_name), cls in CLASSES.items() if class_name == name and owner in (package, "shared")]


def test_the_walk_sees_every_services_errors():
    owners = {owner for owner, _ in CLASSES}
    assert {"shared", "scoring", "dunning", "legal", "portal"} <= owners
    assert {"NotFound", "Conflict", "Invalid", "Forbidden"} <= {name for owner, name in CLASSES if owner == "shared"}


def test_every_error_a_person_can_read_is_built_with_its_french():
    english_only = []
    for package, path, tree in sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or (name := name_of(node)) is None:
                continue
            for cls in resolve(package, name):
                if not writes_its_own_texts(cls) and not passes_french(node, french_position(cls)):
                    english_only.append(f"{where(path, node)} {name}")
                    break
    assert not english_only, f"give these errors their French (message_fr=...): {english_only}"


def test_an_error_class_that_writes_its_own_texts_writes_both():
    english_only = []
    for _package, path, tree in sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            for init in (f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"):
                supers = [
                    call
                    for call in ast.walk(init)
                    if isinstance(call, ast.Call)
                    and name_of(call) == "__init__"
                    and isinstance(call.func, ast.Attribute)
                    and isinstance(call.func.value, ast.Call)
                    and name_of(call.func.value) == "super"
                ]
                if any(not passes_french(call, None) for call in supers):
                    english_only.append(f"{where(path, node)} {node.name}")
    known = {name for _, name in CLASSES} - {DomainError.__name__}  # DomainError's own super() is Exception's
    english_only = [entry for entry in english_only if entry.rsplit(" ", 1)[1] in known]
    assert not english_only, f"these error classes write their English only: {english_only}"


def test_no_http_exception_carries_a_single_language_text():
    single = [
        where(path, node)
        for _package, path, tree in sources()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and name_of(node) == "HTTPException"
    ]
    assert not single, f"raise a DomainError with its French and English instead of HTTPException: {single}"
