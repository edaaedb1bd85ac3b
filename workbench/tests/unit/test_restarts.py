"""The launcher starts a crashed service again, but not for ever: `Restarts` counts the restarts of each service
within a sliding window."""

from workbench.stack.launcher import Restarts


def test_a_service_is_started_again_up_to_the_limit_within_the_window():
    restarts = Restarts(limit=3, window_s=60.0)
    assert [restarts.allow("dunning", t) for t in (0.0, 1.0, 2.0)] == [True, True, True]
    assert restarts.allow("dunning", 3.0) is False


def test_the_window_slides_so_an_occasional_crash_is_always_recovered():
    restarts = Restarts(limit=2, window_s=10.0)
    assert restarts.allow("scoring", 0.0) and restarts.allow("scoring", 5.0)
    assert restarts.allow("scoring", 9.0) is False
    assert restarts.allow("scoring", 10.5) is True  # the restart at 0 s has left the window


def test_each_service_has_its_own_count():
    restarts = Restarts(limit=1, window_s=60.0)
    assert restarts.allow("intake", 0.0) is True
    assert restarts.allow("legal", 0.0) is True
    assert restarts.allow("intake", 1.0) is False
