"""When the consumer loop sweeps the waiting room (issue 17: an idle consumer's wake-ups were most of its CPU)."""

from shared.consumer_loop import EMPTY_SWEEP_S, sweep_pause


def test_a_waiting_room_with_events_is_swept_at_its_setting():
    assert sweep_pause(True, 5.0) == 5.0


def test_an_empty_waiting_room_is_swept_only_as_a_backstop():
    assert sweep_pause(False, 5.0) == EMPTY_SWEEP_S > 5.0


def test_a_sweep_setting_longer_than_the_backstop_is_kept():
    assert sweep_pause(False, EMPTY_SWEEP_S * 2) == EMPTY_SWEEP_S * 2
