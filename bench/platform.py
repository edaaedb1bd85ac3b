"""The whole platform as `make run` starts it (`workbench.stack.launcher.Stack`: embedded PostgreSQL and broker,
the mail server, the fake provider, the five services as uvicorn processes), in a scratch folder on free
ports, for the benchmarks that measure it from outside."""

from __future__ import annotations

import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil

from workbench.stack.broker import free_port
from workbench.stack.launcher import Stack
from workbench.stack.services import SERVICES, StackLayout


def _free_run(length: int) -> int:
    """The first of `length` consecutive free ports (the services listen on port_base + 0..4)."""
    for _ in range(100):
        first = free_port()
        if all(_bindable(first + offset) for offset in range(length)):
            return first
    raise RuntimeError(f"no {length} consecutive free ports")


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@contextmanager
def running_platform(*, say: bool = False) -> Iterator[Stack]:
    with tempfile.TemporaryDirectory(prefix="recouvra-bench-platform-") as name:
        layout = StackLayout(
            var_dir=Path(name),
            pg_port=free_port(),
            kafka_port=free_port(),
            port_base=_free_run(len(SERVICES)),
            smtp_port=free_port(),
            provider_port=free_port(),
        )
        stack = Stack(layout, say=print if say else (lambda _: None))
        try:
            stack.start(ready_timeout_s=240.0)
            yield stack
        finally:
            stack.stop()


def platform_processes(stack: Stack) -> dict[str, list[psutil.Process]]:
    """The platform's processes by part: each service's uvicorn, the broker, PostgreSQL (the postmaster and its
    backends; `pg_ctl` detaches it, so it is found from its pid file)."""
    parts: dict[str, list[psutil.Process]] = {}
    for service, process in stack.processes.items():
        parts[service] = _tree(process.pid)
    if stack.broker.process is not None:
        parts["broker"] = _tree(stack.broker.process.pid)
    pid_file = stack.postgres.pgdata / "postmaster.pid"
    if pid_file.exists():
        parts["postgres"] = _tree(int(pid_file.read_text().split()[0]))
    return parts


def _tree(pid: int) -> list[psutil.Process]:
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []
