"""The ports the test harness and `make run` listen on: two processes that seeded `random` alike must still choose
apart (the CI lost end-to-end tests to a broker port another worker's server already held)."""

import random

from workbench.stack.broker import _ephemeral_range, free_port


def test_a_seeded_random_does_not_choose_the_port():
    chosen = set()
    for _ in range(3):
        random.seed(7)
        chosen.add(free_port())
    assert len(chosen) > 1  # three draws of 12,000 ports from the system's entropy: equal by chance about 1 in 10^8


def test_the_port_is_below_the_range_of_outgoing_connections():
    low, _ = _ephemeral_range()
    assert all(1024 <= free_port() < low for _ in range(20))
