"""The platform's mailbox: the Maildir (`DUNNING_BOUNCE_MAILDIR`) where the mail server delivers what comes back to
us, read at each scheduler pass. A delivery status notification is recorded as a bounce (`messages.bounces`); with
`DUNNING_REPLY_ADDRESS` set, a debtor's reply to one of our e-mails is recorded for the agency to read
(`messages.replies`). Each file recorded moves to `cur/`, seen, as a mail reader marks what it read; anything else
there is left as it is, and read once per process."""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from shared.clock import Clock

from dunning.messages.bounces import read_bounce, record_bounce
from dunning.messages.replies import addressed_to, kept_original, read_reply
from dunning.messages.reply_records import record_reply

log = logging.getLogger(__name__)
TRIES = 5
"""passes that try to record a file that fails (the database away a moment) before this process leaves it in `new/`
until it starts again: a file that always fails is not logged at every pass"""


class MailRead(NamedTuple):
    bounces: int
    replies: int


@dataclass
class MailboxReader:
    """Reads the messages new in `path` (a Maildir), each file once in this process; replies only when
    `reply_address` is set."""

    engine: Engine
    clock: Clock
    path: Path
    reply_address: str = ""
    seen: set[str] | None = None
    listed: int | None = None  # the modification time of `new/` when it was last listed
    failures: dict[str, int] = field(default_factory=dict)  # the files that failed to record, and how many times

    def __call__(self) -> MailRead:
        """How many bounces and replies it recorded. Only `new/` is listed, only when it changed since the last pass,
        and a file already looked at is not read again: a mailbox of 10,000 messages cost a pass 60 ms of CPU
        through `mailbox.Maildir`, which lists and indexes both folders at every call, 5 to 7 ms listed this way,
        and nothing while the folder does not change."""
        try:
            changed = os.stat(self.path / "new").st_mtime_ns
        except FileNotFoundError:
            return MailRead(0, 0)
        if changed == self.listed:
            return MailRead(0, 0)
        self.listed = changed
        self.seen = self.seen if self.seen is not None else set()
        bounces = replies = 0
        for entry in os.scandir(self.path / "new"):
            if entry.name.startswith(".") or entry.name in self.seen:
                continue
            self.seen.add(entry.name)
            try:
                raw = Path(entry.path).read_bytes()
            except FileNotFoundError:  # moved by another reader meanwhile
                continue
            try:
                bounce = read_bounce(raw)
                recorded = record_bounce(self.engine, self.clock, bounce) if bounce is not None else self._reply(raw)
            except Exception:  # this file is read again at the next passes, a few times; the others are read now
                self.failures[entry.name] = tries = self.failures.get(entry.name, 0) + 1
                if tries < TRIES:
                    log.exception("the message %s in the mailbox could not be recorded; tried again", entry.name)
                    self.seen.discard(entry.name)
                    self.listed = None
                else:
                    log.exception("the message %s could not be recorded %d times: left in new/", entry.name, tries)
                continue
            bounces += recorded and bounce is not None
            replies += recorded and bounce is None
            if recorded:
                with contextlib.suppress(FileNotFoundError):
                    os.rename(entry.path, self.path / "cur" / f"{entry.name}:2,S")
        return MailRead(bounces, replies)

    def _reply(self, raw: bytes) -> bool:
        if not self.reply_address or not addressed_to(raw, self.reply_address):
            return False
        reply = read_reply(raw, self.reply_address)
        if reply is None:
            return False
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                original = kept_original(raw, reply)
                recorded = record_reply(session=session, reply=reply, original=original, clock=self.clock)
                session.commit()
        except IntegrityError:  # another worker reading the same mailbox recorded it a moment before
            return False
        if recorded.case_id is None:
            log.warning(
                "reply %s from %s names none of our messages: kept for an agent to file", recorded.id, reply.sender
            )
        else:
            log.info("reply %s to message %s recorded on case %s", recorded.id, reply.answers, recorded.case_id)
        return True
