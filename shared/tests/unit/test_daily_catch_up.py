"""A move of the platform clock runs the day jobs of the new day before the mover gets its answer (`catch_up`),
once per day even when the job's own thread ticks at the same time."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, date, datetime

from shared.clock import SettableClock
from shared.daily import DailyJob, catch_up, running


def test_moving_the_clock_runs_the_running_jobs_for_the_new_day_once_before_returning():
    clock = SettableClock(datetime(2027, 3, 1, 9, 0, tzinfo=UTC))
    days: list[date] = []
    first_tick = threading.Event()

    def job(day: date) -> int:
        days.append(day)
        first_tick.set()
        return len(days)

    rescoring = DailyJob(name="rescoring", clock=clock, job=job, interval_s=3600)  # its thread ticks once, at start

    async def scenario() -> None:
        async with running([rescoring]):
            assert first_tick.wait(timeout=30)
            clock.set(datetime(2027, 3, 2, 9, 0, tzinfo=UTC))
            catch_up(clock)
            assert days == [date(2027, 3, 1), date(2027, 3, 2)]
            catch_up(clock)  # the same day again: nothing runs twice
            assert days == [date(2027, 3, 1), date(2027, 3, 2)]
        clock.set(datetime(2027, 3, 3, 9, 0, tzinfo=UTC))
        catch_up(clock)  # stopped with its app: no longer caught up
        assert days == [date(2027, 3, 1), date(2027, 3, 2)]

    asyncio.run(scenario())


def test_a_job_that_fails_after_the_move_is_left_to_its_thread_and_the_mover_is_answered():
    clock = SettableClock(datetime(2027, 3, 1, 9, 0, tzinfo=UTC))
    started = threading.Event()

    def job(day: date) -> None:
        started.set()
        if day == date(2027, 3, 2):
            raise RuntimeError("database away")

    alerts = DailyJob(name="alerts", clock=clock, job=job, interval_s=3600)

    async def scenario() -> None:
        async with running([alerts]):
            assert started.wait(timeout=30)
            clock.set(datetime(2027, 3, 2, 9, 0, tzinfo=UTC))
            catch_up(clock)  # does not raise
            assert alerts.last_day == date(2027, 3, 1)  # not marked done: the next tick retries

    asyncio.run(scenario())
