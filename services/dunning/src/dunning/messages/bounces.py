"""E-mails that bounced, read from the mailbox the mail server returns them to.

A relay that cannot deliver an e-mail sends a delivery status notification (DSN, RFC 3464) back to the envelope
sender: a `multipart/report` whose `message/delivery-status` part says, for each recipient, whether it `failed` and
why, and which carries the original message's headers. The address it is returned to names our message when the
envelope sender carried its id (VERP, `DUNNING_SMTP_RETURN_PATH`), else our Message-ID in those headers
(`rfc822_message_id`) does, and the notification is recorded against it as any provider's report is
(`record_delivery`, status `bounced`, the relay's diagnostic as its detail): the case's page then asks for another
address, and dunning writes no more to that one (`dunning.messages.came_back`).

Each pass of the scheduler reads the notifications new in the Maildir `DUNNING_BOUNCE_MAILDIR` (where the mail
server delivers the sender's mail; `make run`'s own Maildir) through `dunning.messages.mailbox`."""

from __future__ import annotations

import email
import email.policy
import logging
import re
import uuid
from dataclasses import dataclass
from email.message import Message as EmailMessage

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


def record_bounce(engine: Engine, clock: Clock, bounce: Bounce) -> bool:
    """False when the notice is about no message of ours (another platform's, in a shared mailbox)."""
    with Session(engine) as session:
        try:
            record_delivery(
                session=session,
                reference=str(bounce.message_id),
                status="bounced",
                received_on=None,
                detail=bounce.diagnostic,
                clock=clock,
            )
        except NotFound:  # another platform's message in a shared mailbox: not ours to record
            return False
        session.commit()
    log.info("e-mail %s bounced at %s: %s", bounce.message_id, bounce.recipient, bounce.diagnostic)
    return True
