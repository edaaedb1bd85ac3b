"""The call-backs a debtor may ask for on the self-service page: the call windows (`domain.windows`, D223-9 C. conso
by default) of the next days, never a Sunday or a public holiday, each a slot the debtor picks; an agent calls back
within it. A window is offered while an hour of it is left after the next hour (an agent sees the request before
calling): its slot then starts an hour from now. A slot is named by its window's start. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from shared.business_calendar import is_public_holiday
from shared.clock import PARIS

from dunning.domain.windows import Window

DAYS_AHEAD = 10  # the days offered, today included
NOTICE = timedelta(hours=1)


@dataclass(frozen=True)
class CallbackSlot:
    window: datetime  # the window's start (UTC): the slot's name, the same whenever it is asked
    start: datetime  # UTC: the window's start, or an hour from now when the window has begun or begins sooner
    end: datetime  # UTC


def callback_slots(now: datetime, windows: tuple[Window, ...], *, days: int = DAYS_AHEAD) -> list[CallbackSlot]:
    """The slots offered at `now`, earliest first."""
    today = now.astimezone(PARIS).date()
    slots = []
    for ahead in range(days):
        day = today + timedelta(days=ahead)
        if day.weekday() == 6 or is_public_holiday(day):
            continue
        for window in sorted((w for w in windows if day.weekday() in w.weekdays), key=lambda w: w.start):
            opens = datetime.combine(day, window.start, tzinfo=PARIS).astimezone(UTC)
            closes = datetime.combine(day, window.end, tzinfo=PARIS).astimezone(UTC)
            start = max(opens, now + NOTICE)
            if closes - start >= NOTICE:
                slots.append(CallbackSlot(opens, start, closes))
    return slots


def offered_slot(window: datetime, now: datetime, windows: tuple[Window, ...]) -> CallbackSlot | None:
    """The slot of the window starting at `window`, when it is one offered at `now`."""
    return next((slot for slot in callback_slots(now, windows) if slot.window == window), None)
