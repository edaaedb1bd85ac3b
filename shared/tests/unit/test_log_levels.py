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


def test_the_pdf_renderer_s_steps_stay_out_of_the_log_and_its_warnings_do_not() -> None:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        configure_logging("dunning")
        assert not logging.getLogger("weasyprint.progress").isEnabledFor(logging.INFO)
        assert logging.getLogger("weasyprint").isEnabledFor(logging.WARNING)
    finally:
        root.handlers[:], root.level = handlers, level
        logging.getLogger("weasyprint").setLevel(logging.NOTSET)
