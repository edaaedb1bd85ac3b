"""Injected time. Every time-driven rule reads the clock it is given, never `datetime.now()`."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class SettableClock:
    """The system clock until someone sets an instant; then that instant, frozen, until reset.

    The embedded and test profiles expose it through `PUT /api/v1/admin/clock` so that dunning steps,
    legal deadlines and penalties can be exercised by moving time instead of sleeping.
    """

    def __init__(self, frozen_at: datetime | None = None) -> None:
        self._lock = threading.Lock()
        self._frozen_at: datetime | None = None
        self._on_move: list[Callable[[], None]] = []
        if frozen_at is not None:
            self.set(frozen_at)

    def now(self) -> datetime:
        with self._lock:
            frozen = self._frozen_at
        return frozen if frozen is not None else datetime.now(UTC)

    @property
    def is_frozen(self) -> bool:
        return self._frozen_at is not None

    def set(self, instant: datetime | None) -> None:
        if instant is not None and instant.tzinfo is None:
            raise ValueError("the instant must carry a UTC offset, for example 2026-12-01T09:00:00+01:00")
        with self._lock:
            self._frozen_at = instant.astimezone(UTC) if instant is not None else None
        self._moved()

    def advance(self, **delta: float) -> datetime:
        from datetime import timedelta

        with self._lock:
            base = self._frozen_at or datetime.now(UTC)
            self._frozen_at = moved = base + timedelta(**delta)
        self._moved()
        return moved

    def on_move(self, callback: Callable[[], None]) -> None:
        """Calls `callback` whenever the clock is set or advanced: a worker sleeping until a due time wakes."""
        self._on_move.append(callback)

    def _moved(self) -> None:
        for callback in list(self._on_move):
            callback()


def today_in_paris(clock: Clock) -> date:
    """Business dates are French dates: 23:30 UTC on 31 December is already 1 January in Paris."""
    return clock.now().astimezone(PARIS).date()
