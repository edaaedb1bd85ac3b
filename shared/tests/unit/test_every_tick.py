"""The webhook worker backs off while idle and wakes at once when a delivery is queued or the clock moves."""

import threading
from datetime import UTC, datetime, timedelta

from shared.clock import SettableClock
from shared.every_tick import IDLE_MAX_S, EveryTick


def test_an_idle_worker_doubles_its_pause_up_to_the_bound_and_a_working_pass_resets_it():
    worker = EveryTick(name="w", clock=SettableClock(), job=lambda day: None, interval_s=1.0, wake=threading.Event())
    assert [worker.pause_after(idle) for idle in range(7)] == [1.0, 1.0, 2.0, 4.0, 8.0, IDLE_MAX_S, IDLE_MAX_S]


def test_a_queued_delivery_or_a_clock_move_ends_a_long_pause_and_stop_ends_the_loop():
    calls: list[datetime] = []
    called = threading.Semaphore(0)

    def job(day):
        calls.append(clock.now())
        called.release()

    clock, wake, stop = SettableClock(datetime(2026, 12, 2, 9, tzinfo=UTC)), threading.Event(), threading.Event()
    # a minute between passes: a second pass within the bounds below can only come from a wake
    worker = EveryTick(name="w", clock=clock, job=job, interval_s=60.0, wake=wake, idle_max_s=60.0)
    thread = threading.Thread(target=worker.run, args=(stop,))
    thread.start()
    try:
        assert called.acquire(timeout=30)
        wake.set()  # what the commit of a queued delivery does
        assert called.acquire(timeout=30)
        clock.advance(days=1)  # a retry may have fallen due
        assert called.acquire(timeout=30)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert len(calls) == 3 and calls[2] - calls[1] == timedelta(days=1)
