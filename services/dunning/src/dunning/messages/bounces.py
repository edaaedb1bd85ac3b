"""E-mails that bounced, read from the mailbox the mail server returns them to.

A relay that cannot deliver an e-mail sends a delivery status notification (DSN, RFC 3464) back to the envelope
sender: a `multipart/report` whose `message/delivery-status` part says, for each recipient, whether it `failed` and
why, and which carries the original message's headers. The address it is returned to names our message when the
envelope sender carried its id (VERP, `DUNNING_SMTP_RETURN_PATH`), else our Message-ID in those headers
(`rfc822_message_id`) does, and the notification is recorded against it as any provider's report is
(`record_delivery`, status `bounced`, the relay's diagnostic as its detail): the case's page then asks for another
address, and dunning writes no more to that one (`dunning.messages.came_back`).

Each pass of the scheduler reads the notifications new in the Maildir `DUNNING_BOUNCE_MAILDIR` (where the mail
server delivers the sender's mail; `make run`'s own Maildir) and moves each one it recorded to `cur/`, seen. Anything
else there is left as it is, and read once per process."""

from __future__ import annotations

import contextlib
import email
import email.policy
import logging
import os
import re
import uuid
from dataclasses import dataclass
from email.message import Message as EmailMessage
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from shared.clock import Clock
from shared.errors import NotFound

from dunning.channels.base import MESSAGE_ID_DOMAIN
from dunning.messages.deliveries import record_delivery

log = logging.getLogger(__name__)
_OUR_ID = re.compile(rf"<([0-9a-f-]{{36}})@{re.escape(MESSAGE_ID_DOMAIN)}>", re.IGNORECASE)
_RETURNED_TO = re.compile(r"\+([0-9a-f-]{36})@", re.IGNORECASE)  # the id VERP put in the envelope sender


@dataclass(frozen=True)
class Bounce:
    message_id: uuid.UUID  # ours
    recipient: str
    diagnostic: str  # the relay's words, as the case's page quotes them


def read_bounce(raw: bytes) -> Bounce | None:
    """The failed delivery a notification reports for one of our messages; None for anything else (a delay, an
    out-of-office reply, a reminder that reached the mailbox, a notification about someone else's message)."""
    if b"multipart/report" not in raw[:8192].lower():  # most of a shared mailbox: not parsed at all
        return None
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    if message.get_content_type() != "multipart/report" or message.get_param("report-type") != "delivery-status":
        return None
    returned_to = " ".join(str(value) for header in ("Delivered-To", "To") for value in message.get_all(header, []))
    verp = _RETURNED_TO.search(returned_to)
    ours, failed = (uuid.UUID(verp.group(1)) if verp else None), None
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/delivery-status":
            failed = _failed(part)
        elif kind in ("text/rfc822-headers", "message/rfc822"):
            found = _OUR_ID.search(_text(part))
            ours = ours or (uuid.UUID(found.group(1)) if found else None)
    if ours is None or failed is None:
        return None
    return Bounce(message_id=ours, recipient=failed[0], diagnostic=failed[1])


def _failed(part: EmailMessage) -> tuple[str, str] | None:
    """(recipient, diagnostic) of the first recipient whose action is `failed`."""
    for fields in part.get_payload() if part.is_multipart() else []:
        if not isinstance(fields, EmailMessage):  # each recipient's block, parsed as a header set
            continue
        if str(fields.get("Action", "")).strip().lower() != "failed":
            continue
        recipient = str(fields.get("Final-Recipient", "")).split(";", 1)[-1].strip()
        diagnostic = str(fields.get("Diagnostic-Code", "")).split(";", 1)[-1].strip()
        status = str(fields.get("Status", "")).strip()
        return recipient, " ".join((diagnostic or status or "bounced").split())[:300]
    return None


def _text(part: EmailMessage) -> str:
    payload = part.get_payload(decode=True) if not part.is_multipart() else None
    if isinstance(payload, bytes):
        return payload.decode("utf-8", "replace")
    return str(part.get_payload())


@dataclass
class BounceReader:
    """Reads the notifications new in `path` (a Maildir), each file once in this process."""

    engine: Engine
    clock: Clock
    path: Path
    seen: set[str] | None = None
    listed: int | None = None  # the modification time of `new/` when it was last listed

    def __call__(self) -> int:
        """How many bounces it recorded. Only `new/` is listed, only when it changed since the last pass, and a file
        already looked at is not read again: a mailbox of 10,000 messages cost a pass 60 ms of CPU through
        `mailbox.Maildir`, which lists and indexes both folders at every call, 5 to 7 ms listed this way, and
        nothing while the folder does not change."""
        try:
            changed = os.stat(self.path / "new").st_mtime_ns
        except FileNotFoundError:
            return 0
        if changed == self.listed:
            return 0
        self.listed = changed
        self.seen = self.seen if self.seen is not None else set()
        recorded = 0
        for entry in os.scandir(self.path / "new"):
            if entry.name.startswith(".") or entry.name in self.seen:
                continue
            self.seen.add(entry.name)
            try:
                bounce = read_bounce(Path(entry.path).read_bytes())
            except FileNotFoundError:  # moved by another reader meanwhile
                continue
            if bounce is not None and self._record(bounce):
                recorded += 1
                with contextlib.suppress(FileNotFoundError):  # seen, as a mail reader marks what it read
                    os.rename(entry.path, self.path / "cur" / f"{entry.name}:2,S")
        return recorded

    def _record(self, bounce: Bounce) -> bool:
        with Session(self.engine) as session:
            try:
                record_delivery(
                    session=session,
                    reference=str(bounce.message_id),
                    status="bounced",
                    received_on=None,
                    detail=bounce.diagnostic,
                    clock=self.clock,
                )
            except NotFound:  # another platform's message in a shared mailbox: not ours to record
                return False
            session.commit()
        log.info("e-mail %s bounced at %s: %s", bounce.message_id, bounce.recipient, bounce.diagnostic)
        return True
