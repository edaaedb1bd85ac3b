"""The embedded mail server of `make run` and the tests: SMTP on 127.0.0.1, every message stored in a Maildir
(`var/mail/` under the platform's data folder; `ls var/mail/new` lists what was sent).

Delivery is idempotent on the `Message-ID` header: a message whose Message-ID is already in the Maildir is
acknowledged (250) and not stored again. This is what lets the dunning service resend after a crash (the
message left, the crash came before its own commit) without a duplicate reaching the mailbox, provided it gives
a message the same Message-ID every time it sends it. A real relay promises no such thing; here it makes "the
debtor received exactly one reminder" something a test can assert. A message without a Message-ID is always
stored. The index of stored Message-IDs is rebuilt from the Maildir at start, so a restart keeps the guarantee.
"""

from __future__ import annotations

import email
import email.policy
import mailbox
import os
import secrets
import threading
import time
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.utils import make_msgid
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from workbench.stack.broker import port_open


def _message_id(value: object) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text.strip("<>").strip().lower() or None


class MaildirDelivery:
    """aiosmtpd handler: stores each message once per Message-ID in a Maildir."""

    def __init__(self, path: Path) -> None:
        self.path = path
        for folder in ("tmp", "new", "cur"):  # Maildir(create=True) makes them only when `path` itself is new
            (path / folder).mkdir(parents=True, exist_ok=True)
        self.maildir = mailbox.Maildir(path, create=False)
        self._lock = threading.Lock()
        self._stored_ids = self._index()

    def _index(self) -> set[str]:
        parser = BytesHeaderParser()
        ids: set[str] = set()
        for key in self.maildir.iterkeys():
            message_id = _message_id(parser.parsebytes(self.maildir.get_bytes(key))["Message-ID"])
            if message_id:
                ids.add(message_id)
        return ids

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        message_id = _message_id(BytesHeaderParser().parsebytes(content)["Message-ID"])
        unroutable = [rcpt for rcpt in envelope.rcpt_tos if _unroutable(rcpt)]
        if unroutable and envelope.mail_from:  # what a relay does for a domain that does not exist: it bounces
            with self._lock:
                for rcpt in unroutable:
                    self.maildir.add(delivery_status_notice(envelope.mail_from, rcpt, content))
            if len(unroutable) == len(envelope.rcpt_tos):
                return "250 OK: queued (the recipient's domain does not exist: a bounce goes back to the sender)"
        # Return-Path and Delivered-To keep the envelope (a Bcc recipient appears nowhere else), as a local
        # delivery agent writes them.
        trace = f"Return-Path: <{envelope.mail_from or ''}>\n"
        trace += "".join(f"Delivered-To: {rcpt}\n" for rcpt in envelope.rcpt_tos)
        with self._lock:
            if message_id is not None and message_id in self._stored_ids:
                return "250 OK: already delivered, not stored again"
            self.maildir.add(trace.encode() + content.replace(b"\r\n", b"\n"))  # Maildir files end lines in LF
            if message_id is not None:
                self._stored_ids.add(message_id)
        return "250 OK: delivered"


UNROUTABLE = ("nowhere.example", "invalid")
"""Domains this server bounces, as a relay bounces a domain nobody hosts: `nowhere.example` (an address intake accepts,
for a demonstration or an end-to-end test) and the `.invalid` top-level domain (RFC 2606), with their subdomains."""


def _unroutable(address: str) -> bool:
    domain = address.rsplit("@", 1)[-1].lower().rstrip(".")
    return any(domain == name or domain.endswith(f".{name}") for name in UNROUTABLE)


def delivery_status_notice(sender: str, recipient: str, original: bytes) -> bytes:
    """The delivery status notification a relay returns to the envelope sender (RFC 3464): a human part, the
    machine-readable status of the failed recipient, and the original message's headers."""
    headers = original.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].decode("utf-8", "replace")
    domain = recipient.rsplit("@", 1)[-1]
    boundary = f"bounce-{secrets.token_hex(8)}"
    return (
        f"Return-Path: <>\nDelivered-To: {sender}\n"
        f"From: Mail Delivery System <MAILER-DAEMON@recouvra.localhost>\nTo: <{sender}>\n"
        f"Subject: Undelivered Mail Returned to Sender\nAuto-Submitted: auto-replied\n"
        f"Message-ID: {make_msgid(domain='recouvra.localhost')}\nMIME-Version: 1.0\n"
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"\n\n'
        f"--{boundary}\nContent-Type: text/plain; charset=utf-8\n\n"
        f"Your message to <{recipient}> could not be delivered: the domain {domain} does not exist.\n\n"
        f"--{boundary}\nContent-Type: message/delivery-status\n\n"
        f"Reporting-MTA: dns; recouvra.localhost\n\n"
        f"Final-Recipient: rfc822; {recipient}\nAction: failed\nStatus: 5.1.2\n"
        f"Diagnostic-Code: smtp; 550 5.1.2 <{recipient}>: Host or domain name not found\n\n"
        f"--{boundary}\nContent-Type: text/rfc822-headers\n\n{headers}\n\n--{boundary}--\n"
    ).encode()


class MailServer:
    """SMTP server on `host:port` delivering to the Maildir at `path`, in a thread of this process."""

    def __init__(self, path: Path, *, port: int, host: str = "127.0.0.1") -> None:
        self.path, self.port, self.host = path, port, host
        self._controller: Controller | None = None

    def start(self) -> None:
        if port_open(self.host, self.port):
            raise RuntimeError(f"something already listens on {self.host}:{self.port}; choose another SMTP port")
        # server_hostname given: the default looks the machine's FQDN up, which can take seconds offline.
        self._controller = Controller(
            MaildirDelivery(self.path),
            hostname=self.host,
            port=self.port,
            server_hostname="recouvra.localhost",
            enable_SMTPUTF8=True,
        )
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def mailbox(self) -> MailDir:
        return MailDir(self.path)


class MailDir:
    """What reached the mailbox, for tests and people: `MailDir(path).messages()`, oldest first (by delivery, as
    the Maildir's file times say, then by key)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    def messages(self) -> list[EmailMessage]:
        if not (self.path / "new").is_dir():
            return []
        found: list[tuple[float, str, EmailMessage]] = []
        for folder in ("new", "cur"):
            if not (self.path / folder).is_dir():
                continue
            for entry in os.scandir(self.path / folder):
                if entry.name.startswith("."):
                    continue
                try:
                    delivered = entry.stat().st_mtime
                    parsed = _parsed(Path(entry.path))
                except FileNotFoundError:  # moved or removed by someone reading the Maildir meanwhile
                    continue
                found.append((delivered, entry.name.split(":", 1)[0], parsed))
        return [message for _, _, message in sorted(found, key=lambda row: (row[0], row[1]))]

    def count(self) -> int:
        return len(self.messages())

    def find(self, *, to: str | None = None, subject: str | None = None) -> list[EmailMessage]:
        """Messages addressed to `to` (To, Cc or the envelope; case-insensitive) whose subject contains `subject`."""
        return [
            message
            for message in self.messages()
            if (to is None or to.lower() in _recipients(message))
            and (subject is None or subject in str(message.get("Subject", "")))
        ]

    def wait_for(
        self, *, to: str | None = None, subject: str | None = None, count: int = 1, timeout_s: float = 10.0
    ) -> list[EmailMessage]:
        """Polls until at least `count` messages match (the sender works in the background); returns them,
        or what matched when the time is up."""
        deadline = time.monotonic() + timeout_s
        while True:
            found = self.find(to=to, subject=subject)
            if len(found) >= count or time.monotonic() > deadline:
                return found
            time.sleep(0.05)


def _recipients(message: EmailMessage) -> set[str]:
    addresses: set[str] = set()
    for header in ("To", "Cc", "Delivered-To"):
        for value in message.get_all(header, []):
            groups = getattr(value, "addresses", None)
            if groups is None:
                addresses.add(str(value).strip().lower())
                continue
            addresses.update(address.addr_spec.lower() for address in groups if isinstance(address, Address))
    return addresses


_PARSED: dict[Path, EmailMessage] = {}
"""Each stored message parsed once: a Maildir delivers a file whole (written aside, then renamed into `new/`) and never
rewrites it. Parsed again at every look, a test's mailbox after a thousand reminders took seconds to search."""


def _parsed(path: Path) -> EmailMessage:
    message = _PARSED.get(path)
    if message is None:
        parsed = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)  # the default policy builds EmailMessage
        message = _PARSED[path] = parsed
    return message
