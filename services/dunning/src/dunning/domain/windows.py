"""When a message may go out: never on a Sunday or a French public holiday, and for each channel only within
its allowed hours, in Europe/Paris. Calls and SMS default to the D223-9 C. conso windows (weekdays 10:00-13:00
and 14:00-20:00; docs/rules.md §9.2): collection is not prospection, but it is the safe default.
Also the contact cap per debtor over a rolling week, and the pause after a live conversation."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from shared.business_calendar import is_public_holiday
from shared.clock import PARIS

from dunning.domain.scenarios import Channel


@dataclass(frozen=True)
class Window:
    weekdays: frozenset[int]  # 0 = Monday
    start: time
    end: time


WEEKDAYS = frozenset(range(5))
WORKING_DAYS = frozenset(range(6))  # jours ouvrables: Monday to Saturday

CALL_HOURS = (Window(WEEKDAYS, time(10), time(13)), Window(WEEKDAYS, time(14), time(20)))
OFFICE_HOURS = (Window(WORKING_DAYS, time(8), time(20)),)

DEFAULT_WINDOWS: Mapping[Channel, tuple[Window, ...]] = {
    Channel.PHONE: CALL_HOURS,
    Channel.SMS: CALL_HOURS,
    Channel.EMAIL: OFFICE_HOURS,
    Channel.LETTER: OFFICE_HOURS,
    Channel.REGISTERED_LETTER: OFFICE_HOURS,
    Channel.FORMAL_NOTICE: OFFICE_HOURS,
}


def parse_windows(text: str) -> tuple[Window, ...]:
    """`"mon-fri 10:00-13:00, mon-fri 14:00-20:00"`: the settings' way of writing a channel's windows."""
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    windows = []
    for part in text.split(","):
        days, hours = part.split()
        first, _, last = days.partition("-")
        start_day, end_day = names.index(first), names.index(last or first)
        start, _, end = hours.partition("-")
        windows.append(
            Window(frozenset(range(start_day, end_day + 1)), time.fromisoformat(start), time.fromisoformat(end))
        )
    return tuple(windows)


def allowed_at(instant: datetime, windows: Iterable[Window]) -> bool:
    local = instant.astimezone(PARIS)
    if local.weekday() == 6 or is_public_holiday(local.date()):
        return False
    return any(local.weekday() in window.weekdays and window.start <= local.time() < window.end for window in windows)


def next_allowed(instant: datetime, windows: tuple[Window, ...]) -> datetime:
    """The first instant at or after `instant` when the channel may be used (UTC)."""
    if allowed_at(instant, windows):
        return instant.astimezone(UTC)
    local = instant.astimezone(PARIS)
    for days_ahead in range(0, 15):
        day = local.date() + timedelta(days=days_ahead)
        if day.weekday() == 6 or is_public_holiday(day):
            continue
        starts = sorted(window.start for window in windows if day.weekday() in window.weekdays)
        for start in starts:
            candidate = datetime.combine(day, start, tzinfo=PARIS)
            if candidate >= local:
                return candidate.astimezone(UTC)
    raise ValueError("no allowed instant within two weeks: the channel's windows are empty")


def cap_reached(contacts_at: Iterable[datetime], instant: datetime, *, cap: int, days: int = 7) -> datetime | None:
    """None when the debtor may be contacted at `instant`; else when the rolling window frees a slot."""
    recent = sorted(at for at in contacts_at if instant - timedelta(days=days) < at <= instant)
    if len(recent) < cap:
        return None
    return recent[len(recent) - cap] + timedelta(days=days)
