from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from pydantic import BaseModel

from shared.clock import SettableClock, today_in_paris
from shared.money import Amount, round_cents


def test_settable_clock_reads_the_instant_it_was_set_to_until_reset():
    clock = SettableClock()
    clock.set(datetime(2026, 12, 1, 9, 0, tzinfo=timezone(timedelta(hours=1))))
    assert clock.now() == datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    assert clock.now() == clock.now()
    clock.advance(days=30)
    assert clock.now() == datetime(2026, 12, 31, 8, 0, tzinfo=UTC)
    clock.set(None)
    assert not clock.is_frozen
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=5)


def test_settable_clock_refuses_an_instant_without_offset():
    with pytest.raises(ValueError, match="UTC offset"):
        SettableClock().set(datetime(2026, 12, 1, 9, 0))


def test_business_date_is_the_paris_date():
    clock = SettableClock(datetime(2026, 12, 31, 23, 30, tzinfo=UTC))
    assert today_in_paris(clock).isoformat() == "2027-01-01"


def test_amounts_round_half_up_to_the_cent_once():
    assert round_cents(Decimal("299.585")) == Decimal("299.59")
    assert round_cents(Decimal("0.005")) == Decimal("0.01")


class Line(BaseModel):
    amount: Amount


def test_api_amounts_are_decimal_strings_and_floats_are_refused():
    assert Line(amount="1200.5").model_dump(mode="json") == {"amount": "1200.50"}
    assert Line(amount="1200.5").amount == Decimal("1200.5")
    with pytest.raises(ValueError, match="never floating-point"):
        Line(amount=1200.5)
    with pytest.raises(ValueError, match="not an amount"):
        Line(amount="12,00 €")


def test_moving_the_clock_wakes_whoever_sleeps_until_a_due_time():
    clock, woken = SettableClock(), []
    clock.on_move(lambda: woken.append(clock.now()))
    clock.set(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    clock.advance(days=1)
    assert woken == [datetime(2026, 12, 1, 9, 0, tzinfo=UTC), datetime(2026, 12, 2, 9, 0, tzinfo=UTC)]
