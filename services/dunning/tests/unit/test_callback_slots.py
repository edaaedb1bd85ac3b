"""The call-back slots a debtor is offered: the call windows of the next ten days, none on a Sunday or a public
holiday; one already begun while an hour of it is left after the next hour."""

from __future__ import annotations

from datetime import UTC, datetime

from shared.clock import PARIS

from dunning.domain.callbacks import callback_slots, offered_slot
from dunning.domain.windows import CALL_HOURS


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS).astimezone(UTC)


def test_the_call_windows_of_the_coming_weekdays_are_offered_the_first_from_an_hour_from_now():
    now = paris(2026, 12, 7, 13, 30)  # a Monday, between the two windows
    slots = callback_slots(now, CALL_HOURS)
    assert (slots[0].window, slots[0].start, slots[0].end) == (
        paris(2026, 12, 7, 14),
        paris(2026, 12, 7, 14, 30),
        paris(2026, 12, 7, 20),
    )
    assert (slots[1].start, slots[1].end) == (paris(2026, 12, 8, 10), paris(2026, 12, 8, 13))
    assert all(slot.start.astimezone(PARIS).weekday() < 5 for slot in slots)
    assert slots[-1].start.astimezone(PARIS).date().isoformat() == "2026-12-16"  # ten days, today included


def test_a_window_with_less_than_an_hour_left_after_the_next_hour_is_not_offered():
    assert callback_slots(paris(2026, 12, 7, 11), CALL_HOURS)[0].window == paris(2026, 12, 7, 10)  # 12:00-13:00 left
    assert callback_slots(paris(2026, 12, 7, 11, 1), CALL_HOURS)[0].window == paris(2026, 12, 7, 14)


def test_no_slot_on_a_public_holiday_or_a_sunday():
    days = {
        slot.start.astimezone(PARIS).date().isoformat() for slot in callback_slots(paris(2026, 12, 21, 9), CALL_HOURS)
    }
    assert "2026-12-25" not in days and "2026-12-27" not in days and "2026-12-24" in days


def test_only_a_slot_offered_now_is_taken():
    now = paris(2026, 12, 7, 9)
    taken = offered_slot(paris(2026, 12, 7, 10), now, CALL_HOURS)
    assert taken is not None and taken.start == paris(2026, 12, 7, 10)
    assert offered_slot(paris(2026, 12, 7, 11), now, CALL_HOURS) is None  # not a window's start
    assert offered_slot(paris(2026, 12, 6, 10), now, CALL_HOURS) is None  # past
