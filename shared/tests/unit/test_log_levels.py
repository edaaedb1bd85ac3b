"""Which of kafka-python's loggers reach a service's log."""

from __future__ import annotations

import logging

from shared.logs import configure_logging


def test_group_membership_is_logged_and_the_client_chatter_is_not() -> None:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        configure_logging("intake")
        assert logging.getLogger("kafka.coordinator").isEnabledFor(logging.INFO)
        assert logging.getLogger("kafka.coordinator.consumer").isEnabledFor(logging.INFO)
        assert not logging.getLogger("kafka.conn").isEnabledFor(logging.INFO)
        assert not logging.getLogger("kafka.consumer.fetcher").isEnabledFor(logging.INFO)
    finally:
        root.handlers[:], root.level = handlers, level
        logging.getLogger("kafka.coordinator").setLevel(logging.NOTSET)
