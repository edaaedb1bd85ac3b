"""The whole platform started the way `make run` starts it (the `recouvra run` command, in a process of
its own, on free ports and a temporary data folder), once for every end-to-end test module."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from shared.stack.broker import free_port

SERVICES = ("portal", "intake", "scoring", "dunning", "legal")


class Platform:
    def __init__(self, var_dir: Path) -> None:
        base = free_port()
        while any(_busy(base + i) for i in range(1, 5)):
            base = free_port()
        self.ports = {name: base + i for i, name in enumerate(SERVICES)}
        self.kafka_port, self.pg_port = free_port(), free_port()
        self.smtp_port, self.provider_port = free_port(), free_port()
        self.var_dir = var_dir
        self.maildir = var_dir / "mail"  # what the mail server received (shared.stack.mail.MailDir reads it)
        self.provider_url = f"http://127.0.0.1:{self.provider_port}"  # the fake SMS and postal provider
        self.process: subprocess.Popen[str] | None = None
        self.startup_seconds = 0.0

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.kafka_port}"

    def url(self, service: str = "portal") -> str:
        return f"http://127.0.0.1:{self.ports[service]}"

    def start(self) -> float:
        env = {
            **os.environ,
            "RECOUVRA_VAR_DIR": str(self.var_dir),
            "RECOUVRA_PORT_BASE": str(self.ports["portal"]),
            "RECOUVRA_KAFKA_PORT": str(self.kafka_port),
            "RECOUVRA_PG_PORT": str(self.pg_port),
            "RECOUVRA_SMTP_PORT": str(self.smtp_port),
            "RECOUVRA_PROVIDER_PORT": str(self.provider_port),
        }
        started = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "shared.stack.cli", "run"],
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        deadline = started + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("the platform exited at start:\n" + self.process.stdout.read())
            if all(_ready(self.url(s)) for s in SERVICES):
                return time.monotonic() - started
            time.sleep(0.3)
        raise AssertionError("the platform was not ready within 120 s")

    def stop(self) -> str:
        assert self.process is not None
        self.process.send_signal(signal.SIGINT)
        output, _ = self.process.communicate(timeout=60)
        return output

    def sign_in(self, username: str, password: str = "demo-password") -> dict[str, str]:
        response = httpx.post(
            f"{self.url()}/api/v1/auth/token",
            data={"grant_type": "password", "username": username, "password": password},
        )
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    @staticmethod
    def eventually(check, timeout_s: float = 15.0):
        """Polls `check` until it returns something truthy or the time is up (the platform works in the
        background: events travel through the broker)."""
        deadline = time.monotonic() + timeout_s
        while True:
            result = check()
            if result or time.monotonic() > deadline:
                return result
            time.sleep(0.1)


def _busy(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _ready(url: str) -> bool:
    try:
        return httpx.get(f"{url}/readyz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@pytest.fixture(scope="session")
def platform(tmp_path_factory):
    platform = Platform(Path(tmp_path_factory.mktemp("platform")))
    platform.startup_seconds = platform.start()
    yield platform
    if platform.process and platform.process.poll() is None:
        platform.stop()
