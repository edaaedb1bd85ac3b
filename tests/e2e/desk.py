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
