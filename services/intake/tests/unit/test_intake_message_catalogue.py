"""Every message intake shows a person has its French and its English (issue 12, finding 8; issue 10, "French first,
everywhere"). Intake writes its messages where it refuses, not in a table: this test walks the source as the
catalogue, and fails on any refusal written in one language only.

- an error the API answers with (a `DomainError` subclass) is built with `message_fr=`, or through `field_error`
  with a French text;
- a money rule's error (`MoneyRuleError`) and an unreadable import file's (`UnsupportedFile`), whose text the API
  passes on, are built with their French too;
- a validator of the API models refuses with a `BilingualValueError`, never a bare `ValueError`."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from shared.errors import DomainError

import intake
import intake.main
from intake.imports.rows import UnsupportedFile
from intake.money.errors import MoneyRuleError

SOURCE = Path(intake.__file__).parent
SCHEMA_MODULES = ("schemas.py", "api_types.py")


def subclasses(cls: type) -> set[str]:
    found = {cls.__name__}
    for sub in cls.__subclasses__():
        found |= subclasses(sub)
    return found


DOMAIN_ERRORS = subclasses(DomainError)
# errors whose text the API passes on: a money rule's, an import file's
PASSED_ON = (subclasses(MoneyRuleError) - {"MoneyRuleError"}) | subclasses(UnsupportedFile)


def calls() -> Iterator[tuple[str, ast.Call]]:
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call):
                yield f"{path.relative_to(SOURCE)}:{node.lineno}", node


def name_of(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def french_given(call: ast.Call, position: int) -> bool:
    """A French text is passed: the `message_fr` keyword, or the argument at `position`, and not a literal None
    (arguments unpacked from a pair, `*reasons`, are taken as both texts)."""
    if any(isinstance(arg, ast.Starred) for arg in call.args):
        return True
    given = [k.value for k in call.keywords if k.arg in ("message_fr", "fr")]
    given += call.args[position : position + 1]
    return any(not (isinstance(value, ast.Constant) and value.value is None) for value in given)


def test_the_walk_sees_intakes_errors():
    assert {"CaseNotFound", "Conflict", "Invalid", "NotFound", "TransitionRefused"} <= DOMAIN_ERRORS
    assert {"RateNotFound", "RemittanceRefused", "UnsupportedFile", "TooLargeToRead"} <= PASSED_ON
    assert sum(1 for _, call in calls() if name_of(call) in {*DOMAIN_ERRORS, "field_error"}) > 60


def test_every_error_the_api_answers_with_has_its_french_text():
    english_only = [
        where
        for where, call in calls()
        if (name_of(call) in DOMAIN_ERRORS and not french_given(call, len(call.args) + 1))
        or (name_of(call) == "field_error" and not french_given(call, 3))
    ]
    assert not english_only, (
        f"give these errors their French (message_fr=..., or field_error's 4th text): {english_only}"
    )


def test_every_error_whose_text_the_api_passes_on_has_its_french_text():
    english_only = [where for where, call in calls() if name_of(call) in PASSED_ON and not french_given(call, 1)]
    assert not english_only, f"give these errors their French (second argument): {english_only}"


def test_the_api_models_validators_refuse_in_both_languages():
    bare = [
        f"{path.relative_to(SOURCE)}:{node.lineno}"
        for path in sorted(SOURCE.rglob("*.py"))
        if path.name.endswith(SCHEMA_MODULES)
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Raise)
        and isinstance(node.exc, ast.Call)
        and name_of(node.exc) in ("ValueError", "AssertionError", "PydanticCustomError")
    ]
    assert not bare, f"refuse with BilingualValueError(english, french): {bare}"
