"""The `mail_server` fixture: the embedded SMTP server on a free port, delivering to a Maildir of the test run.

One server serves the whole run; a test tells its messages apart by recipient or subject
(`mail_server.mailbox.find(to=..., subject=...)`), or waits for the background sender with `wait_for`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

import pytest

from workbench.stack.broker import free_port
from workbench.stack.mail import MailDir, MailServer


@dataclass(frozen=True)
class RunningMailServer:
    host: str
    port: int
    path: Path

    @property
    def mailbox(self) -> MailDir:
        return MailDir(self.path)

    def messages(self) -> list[EmailMessage]:
        return self.mailbox.messages()


@pytest.fixture(scope="session")
def mail_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningMailServer]:
    server = MailServer(Path(tmp_path_factory.mktemp("mail")) / "Maildir", port=free_port())
    server.start()
    yield RunningMailServer(host=server.host, port=server.port, path=server.path)
    server.stop()
