"""What each flow test starts from: the demo admin, agent and creditor signed in on the running platform, its clock
moved to a Paris instant and back, and a dunning pass requested."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import httpx

from shared.clock import PARIS

if TYPE_CHECKING:
    from .conftest import Platform


def paris(day: date, hour: int = 10, minute: int = 30) -> str:
    """An instant on the platform clock, Paris time."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS).isoformat()


class Desk:
    """The demo admin, agent and creditor signed in on the platform, and its clock: what each flow test starts from."""

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        self.url = platform.url()
        self.admin = platform.sign_in("admin@demo.example")
        self.agent = platform.sign_in("agent@demo.example")
        self.creditor = platform.sign_in("creditor@demo.example")

    def at(self, day: date, hour: int = 10, minute: int = 30) -> None:
        answer = httpx.put(f"{self.url}/api/v1/admin/clock", json={"now": paris(day, hour, minute)}, headers=self.admin)
        assert answer.status_code == 200, answer.text

    def real_time(self) -> None:
        """The platform clock back on the wall clock, as a test leaves it."""
        answer = httpx.put(f"{self.url}/api/v1/admin/clock", json={"now": None}, headers=self.admin)
        assert answer.status_code == 200, answer.text

    def run(self) -> dict:
        """A dunning pass, requested: it waits for the worker's pass in progress, then runs its own."""
        answer = httpx.post(f"{self.url}/api/v1/dunning/admin/run", headers=self.admin, timeout=60)
        assert answer.status_code == 200, answer.text
        return dict(answer.json())

    def validated_case(self, reference: str, debtor: dict, amount: str) -> dict:
        """A case the demo creditor opens with one invoice (issued 2 October 2026, due 2 November) and the agent
        validates, once dunning has started it (its steps read): the case as intake answered its opening."""
        invoice = {"number": f"{reference}-1", "issue_date": "2026-10-02", "due_date": "2026-11-02", "amount": amount}
        body = {"reference": reference, "kind": "b2b", "debtor": {"type": "company", **debtor}, "invoices": [invoice]}
        opened = httpx.post(f"{self.url}/api/v1/cases", headers=self.creditor, json=body)
        assert opened.status_code == 201, opened.text
        case_id = opened.json()["id"]
        validation = {"override_reason": "vu"}
        validated = httpx.post(f"{self.url}/api/v1/cases/{case_id}/validate", headers=self.agent, json=validation)
        assert validated.status_code == 200, validated.text
        steps = f"{self.url}/api/v1/dunning/cases/{case_id}/steps"
        assert self.platform.eventually(lambda: httpx.get(steps, headers=self.agent).status_code == 200, timeout_s=60)
        return dict(opened.json())
