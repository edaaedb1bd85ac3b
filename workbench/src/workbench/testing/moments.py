"""Instants the tests set the services' clocks to: a day and an hour as Paris reads them, in UTC as the clocks keep
them (the contact windows, the send hours and the day jobs all count in Paris time)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from shared.clock import PARIS


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """`day` at `hour`:`minute` in Paris."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS).astimezone(UTC)
