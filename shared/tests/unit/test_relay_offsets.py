"""A partition's offsets only grow in its life; the relay reads a fall as the broker having lost the topic."""

from shared.relay_offsets import PartitionOffsets


def test_growing_offsets_are_a_partition_in_its_life():
    offsets = PartitionOffsets()
    assert [offsets.went_back("t", 0, offset) for offset in (0, 1, 2, 7)] == [False] * 4
    assert offsets.went_back("t", 1, 0) is False  # another partition has its own offsets


def test_an_offset_given_again_or_lower_is_a_partition_started_again():
    offsets = PartitionOffsets()
    for offset in (0, 1, 2):
        offsets.went_back("t", 0, offset)
    assert offsets.went_back("t", 0, 0) is True
    assert offsets.went_back("t", 0, 1) is False  # the new life goes on from there


def test_a_forgotten_topic_starts_a_new_life_without_alarm():
    offsets = PartitionOffsets()
    offsets.went_back("t", 0, 5)
    offsets.went_back("u", 0, 5)
    offsets.forget("t")
    assert offsets.went_back("t", 0, 0) is False
    assert offsets.went_back("u", 0, 0) is True


def test_a_partition_that_held_records_and_is_empty_now_was_emptied():
    offsets = PartitionOffsets()
    offsets.went_back("t", 0, 3)
    assert offsets.emptied({("t", 0): 0, ("t", 1): 0, ("u", 0): 0}) == {"t"}  # t/1 and u never held ours


def test_end_offsets_seen_make_a_later_lower_send_a_fall():
    offsets = PartitionOffsets()
    assert offsets.emptied({("t", 2): 4}) == set()  # the broker's end offset: records up to at least 3
    assert offsets.went_back("t", 2, 0) is True
    offsets.forget("t")
    assert offsets.emptied({("t", 2): 0}) == set()  # unknown since forgotten: nothing to lose
