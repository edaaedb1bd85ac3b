"""The case list: intake's cases as the visitor sees them, searched by reference or debtor's name, each with
its next action (dunning's next scheduled step, or what the case waits for)."""

from __future__ import annotations

import asyncio
import unicodedata
from dataclasses import dataclass
from typing import Any

from portal.web.errors import PageError
from portal.web.upstream import Upstream

API_PAGE = 200
PAUSED = ("promise", "plan", "dispute", "exhausted", "legal", "closed")


@dataclass(frozen=True)
class NextAction:
    key: str
    fields: dict[str, str]


@dataclass(frozen=True)
class CaseListing:
    items: list[dict[str, Any]]
    total: int
    scanned: int | None  # a name search looked through this many of the newest cases (None: not a name search)


def folded(text: str) -> str:
    """Case- and accent-insensitive form: "Société" and "societe" match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def matches(case: dict[str, Any], query: str) -> bool:
    wanted = folded(query.strip())
    return wanted in folded(case.get("reference", "")) or wanted in folded(case.get("debtor", {}).get("name", ""))


async def list_cases(
    upstream: Upstream, *, query: str, status: str, offset: int, limit: int, scan_limit: int
) -> CaseListing:
    filters = {"status": status or None}
    if not query.strip():
        page = await upstream.read("intake", "/api/v1/cases", {**filters, "offset": offset, "limit": limit})
        return CaseListing(page["items"], page["total"], None)
    exact = await upstream.read("intake", "/api/v1/cases", {**filters, "reference": query.strip(), "limit": limit})
    if exact["total"]:
        return CaseListing(exact["items"], exact["total"], None)
    # intake searches references exactly and names not at all: the newest cases are read and searched here.
    found: list[dict[str, Any]] = []
    scanned = 0
    while scanned < scan_limit:
        page = await upstream.read("intake", "/api/v1/cases", {**filters, "offset": scanned, "limit": API_PAGE})
        found.extend(case for case in page["items"] if matches(case, query))
        scanned += len(page["items"])
        if scanned >= page["total"] or not page["items"]:
            break
    return CaseListing(found[offset : offset + limit], len(found), scanned)


def next_action_of(case: dict[str, Any], steps: dict[str, Any] | None) -> NextAction:
    status = case.get("status")
    if status == "draft":
        return NextAction("next.submit", {})
    if status == "submitted":
        return NextAction("next.validation", {})
    if steps is None:
        return NextAction("next.none", {})
    if steps.get("status") in PAUSED:
        return NextAction(f"dunning.status.{steps['status']}", {})
    scheduled = [step for step in steps.get("items", []) if step.get("status") == "scheduled"]
    if not scheduled:
        return NextAction("next.none", {})
    step = min(scheduled, key=lambda item: str(item.get("due_at")))
    if step.get("overdue"):  # its day has passed: the scheduler sends it at its next pass, not on a past day
        return NextAction("next.step_now", {"template": str(step.get("template"))})
    return NextAction("next.step", {"template": str(step.get("template")), "due_at": str(step.get("due_at"))})


async def next_actions(upstream: Upstream, cases: list[dict[str, Any]]) -> dict[str, NextAction | None]:
    """Each case's next action; None where dunning could not say (the list still shows)."""

    async def one(case: dict[str, Any]) -> NextAction | None:
        if case.get("status") in ("draft", "submitted"):
            return next_action_of(case, None)
        try:
            steps = await upstream.read_or_none("dunning", f"/api/v1/dunning/cases/{case['id']}/steps")
        except PageError:
            return None
        return next_action_of(case, steps)

    actions = await asyncio.gather(*(one(case) for case in cases))
    return {case["id"]: action for case, action in zip(cases, actions, strict=True)}
