"""The scenario editor's form: a scenario of dunning as rows of fields (one fieldset per step, and blank rows to
add steps), read back into the body of dunning's PUT /api/v1/dunning/scenarios/{code}. Dunning validates it: a
value it refuses comes back as its message beside the form, never guessed here."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from portal.web.case_form import amount_of

CHANNELS = ("email", "sms", "letter", "registered_letter", "phone", "formal_notice")
ANCHORS = ("due", "previous")
KINDS = ("", "b2b", "b2c")
BLANK_ROWS = 2
MAX_ROWS = 30  # dunning's own limit of steps
SCENARIO_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
_GRADE = re.compile(r"[A-Ea-e]")


def step_rows(steps: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The form's rows: each step's fields as text, then blank rows for new steps."""
    rows = [_row(step) for step in steps[:MAX_ROWS]]
    blank = {"code": "", "channel": "email", "template": "", "offset_days": "", "anchor": "due"}
    blank |= {"kind": "", "grades": "", "min_amount": "", "max_amount": ""}
    return rows + [dict(blank) for _ in range(min(BLANK_ROWS, MAX_ROWS - len(rows)))]


def _row(step: Mapping[str, Any]) -> dict[str, str]:
    conditions = step.get("conditions") or {}
    kinds = conditions.get("kinds") or []
    return {
        "code": str(step.get("code", "")),
        "channel": str(step.get("channel", "email")),
        "template": str(step.get("template", "")),
        "offset_days": str(step.get("offset_days", "")),
        "anchor": str(step.get("anchor", "due")),
        "kind": kinds[0] if len(kinds) == 1 else "",
        "grades": " ".join(conditions.get("grades") or []),
        "min_amount": _text(conditions.get("min_amount")),
        "max_amount": _text(conditions.get("max_amount")),
    }


def _text(value: object) -> str:
    return "" if value in (None, "") else str(value)


def submitted_rows(form: Mapping[str, str]) -> list[dict[str, str]]:
    """The rows as the visitor sent them (for showing the form again beside a refusal)."""
    rows = []
    for index in range(MAX_ROWS):
        prefix = f"step-{index}-"
        if not any(key.startswith(prefix) for key in form):
            break
        row = {name: form.get(prefix + name, "") for name in step_rows([])[0]}
        rows.append(row)
    return rows


def scenario_body(form: Mapping[str, str]) -> dict[str, Any]:
    """The PUT body: the name, the delay before exhaustion, and every row with a step code, in order."""
    steps = [_step(row) for row in submitted_rows(form) if row["code"]]
    return {
        "name": form.get("name", ""),
        "exhaust_after_days": _number(form.get("exhaust_after_days", "")),
        "steps": steps,
    }


def _step(row: Mapping[str, str]) -> dict[str, Any]:
    conditions: dict[str, Any] = {
        "kinds": [row["kind"]] if row["kind"] in KINDS[1:] else [],
        "grades": [grade.upper() for grade in _GRADE.findall(row["grades"])],
        "min_amount": _amount(row["min_amount"]),
        "max_amount": _amount(row["max_amount"]),
    }
    return {
        "code": row["code"],
        "channel": row["channel"],
        "template": row["template"],
        "offset_days": _number(row["offset_days"]),
        "anchor": row["anchor"],
        "conditions": conditions,
    }


def _amount(text: str) -> str | None:
    """A French or English amount as dunning's decimal string; what is not an amount goes as typed, for dunning to
    refuse in its own words."""
    if not text.strip():
        return None
    amount = amount_of(text)
    return str(amount) if amount is not None else text.strip()


def _number(text: str) -> int | str:
    stripped = text.strip()
    return int(stripped) if stripped.isdigit() else stripped
