"""A service that exits while the stack starts is reported with the end of its log: the benchmarks and the tests
remove the stack's folder, and the log with it (a legal exit at start seen once by a benchmark left nothing)."""

from __future__ import annotations

from pathlib import Path

from workbench.stack.launcher import _tail


def test_the_report_carries_the_last_lines_of_the_log(tmp_path: Path) -> None:
    log = tmp_path / "legal.log"
    log.write_text("".join(f"line {n}\n" for n in range(1, 41)), encoding="utf-8")
    assert _tail(log).splitlines() == [f"line {n}" for n in range(11, 41)]


def test_a_log_that_cannot_be_read_is_said_so(tmp_path: Path) -> None:
    assert _tail(tmp_path / "missing.log").startswith("(unreadable: ")
