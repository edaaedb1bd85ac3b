"""Which formal notice a case keeps: the earliest receipt, whatever order the notices are reported in."""

from datetime import date
from itertools import permutations

from intake.money.formal_notice import FormalNotice, replaces


def notice(sent: str, received: str | None) -> FormalNotice:
    return FormalNotice(date.fromisoformat(sent), date.fromisoformat(received) if received else None)


def test_a_received_notice_replaces_none_and_a_sending_date_recorded_alone():
    assert replaces(notice("2026-04-01", "2026-04-03"), None)
    assert replaces(notice("2026-04-01", "2026-04-03"), notice("2026-03-01", None))


def test_a_later_receipt_or_the_same_notice_again_replaces_nothing():
    held = notice("2026-04-01", "2026-04-03")
    assert not replaces(notice("2026-05-01", "2026-05-04"), held)
    assert not replaces(held, held)
    assert replaces(notice("2026-03-28", "2026-04-02"), held)


def test_a_notice_without_a_receipt_replaces_only_no_notice():
    assert replaces(notice("2026-04-01", None), None)
    assert not replaces(notice("2026-03-01", None), notice("2026-04-01", "2026-04-03"))


def test_every_order_of_arrival_ends_on_the_same_notice():
    reported = [
        notice("2026-04-01", "2026-04-06"),
        notice("2026-04-02", "2026-04-06"),  # same receipt day, sent later
        notice("2026-05-01", "2026-05-04"),
        notice("2026-03-30", "2026-04-07"),
    ]
    kept = set()
    for order in permutations(reported):
        held = None
        for candidate in order:
            if replaces(candidate, held):
                held = candidate
        kept.add(held)
    assert kept == {notice("2026-04-01", "2026-04-06")}
