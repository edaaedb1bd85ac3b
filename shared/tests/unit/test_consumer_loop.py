"""When the consumer loop sweeps the waiting room (issue 17: an idle consumer's wake-ups were most of its CPU)."""

from shared.consumer_loop import EMPTY_SWEEP_S, PartitionWatch, sweep_pause


def test_a_waiting_room_with_events_is_swept_at_its_setting():
    assert sweep_pause(True, 5.0) == 5.0


def test_an_empty_waiting_room_is_swept_only_as_a_backstop():
    assert sweep_pause(False, 5.0) == EMPTY_SWEEP_S > 5.0


def test_a_sweep_setting_longer_than_the_backstop_is_kept():
    assert sweep_pause(False, EMPTY_SWEEP_S * 2) == EMPTY_SWEEP_S * 2


def test_a_consumer_without_partitions_for_a_minute_is_reported_then_every_minute_until_it_has_some():
    watch = PartitionWatch(alert_s=60.0)
    assert watch.seen(True, 0.0) is None
    assert watch.seen(False, 10.0) is None  # joining its group: normal for a while
    assert watch.seen(False, 69.0) is None
    assert watch.seen(False, 70.0) == 60.0
    assert watch.seen(False, 100.0) is None
    assert watch.seen(False, 130.0) == 120.0
    assert watch.seen(True, 131.0) is None
    assert watch.seen(False, 140.0) is None  # a new spell counts from its own start
    assert watch.seen(False, 200.0) == 60.0
