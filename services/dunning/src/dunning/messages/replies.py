"""Replies debtors write to our e-mails, read from the platform's mailbox (pure: bytes in, a `Reply` or None out).

With `DUNNING_REPLY_ADDRESS` set (`reponses@recouvra.example`), every e-mail dunning sends asks to be answered at that
address with its own message id added to the local part (`Reply-To: reponses+<id>@recouvra.example`): a reply names
the message it answers, and so its case, whatever the debtor's mail program keeps of the original. A reply whose
client dropped the `+<id>` still names it when its `In-Reply-To` or `References` carries our Message-ID. One sent to
the reply address that names no message (written fresh to the bare address) is a reply all the same, to no message:
it is kept for an agent to file under its case (`messages.reply_records`), not left unread in the mailbox.

Not a reply, so not recorded: a delivery status notification (`dunning.messages.bounces` reads those), an automatic
answer (an out-of-office: RFC 3834's `Auto-Submitted`, or the `X-Autoreply` and `Precedence` headers mail programs
still write), and anything not sent to the reply address."""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser

from dunning.channels.base import MESSAGE_ID_DOMAIN

TEXT_LIMIT = 20_000
"""characters of a reply's text kept for reading on the page; the whole message is kept as received (`.eml`)"""
ORIGINAL_LIMIT = 15 * 1024 * 1024
"""bytes of a reply kept as received; a heavier one (large attachments) is kept as its headers and text
(`kept_original`), its attachments listed but not kept"""
_KEPT_HEADERS = ("From", "To", "Cc", "Date", "Subject", "Message-ID", "In-Reply-To", "References")
_OUR_ID = re.compile(rf"<([0-9a-f-]{{36}})@{re.escape(MESSAGE_ID_DOMAIN)}>", re.IGNORECASE)
_AUTOMATIC_PRECEDENCE = {"auto_reply", "bulk", "junk", "list"}


@dataclass(frozen=True)
class Attachment:
    name: str
    content_type: str
    size: int  # bytes, decoded


@dataclass(frozen=True)
class Reply:
    answers: uuid.UUID | None  # our message it answers; None: sent to the reply address naming none
    identity: str  # its own Message-ID, or the digest of its bytes when it has none: the same reply read twice is one
    sender: str  # the address it came from
    sender_name: str
    subject: str
    text: str  # what the debtor wrote (the text part, or the HTML part's text), at most TEXT_LIMIT characters
    written_at: datetime | None  # its Date header
    attachments: tuple[Attachment, ...]
    size: int  # bytes, as received


def reply_to_address(reply_address: str, message_id: str) -> str:
    """`reponses@recouvra.example` and our message's id: `reponses+<id>@recouvra.example`."""
    local, _, domain = reply_address.partition("@")
    return f"{local}+{message_id}@{domain}"


def addressed_to(raw: bytes, reply_address: str) -> bool:
    """Whether a recipient header of `raw` (Delivered-To, X-Original-To, To, Cc) names the reply address's local
    part, read from its bytes without parsing it: the shared mailbox of `make run` holds every e-mail we send too,
    each of which names the address in its Reply-To only."""
    local = reply_address.partition("@")[0].lower().encode()
    head = raw[:65_536].replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].lower()
    recipient = False
    for line in head.split(b"\n"):
        if line[:1] not in (b" ", b"\t"):  # a header's first line; a folded one goes on with the same header
            recipient = line.startswith((b"delivered-to:", b"x-original-to:", b"to:", b"cc:"))
        if recipient and local in line:
            return True
    return False


def read_reply(raw: bytes, reply_address: str) -> Reply | None:
    """The reply to one of our messages `raw` is, or None (see the module's docstring)."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or message.get_content_type() == "multipart/report":
        return None
    if _automatic(message):
        return None
    if not _addressed(message, reply_address):
        return None
    answers = _answered(message, reply_address)
    sender_name, sender = next(iter(getaddresses([str(message.get("From", ""))])), ("", ""))
    return Reply(
        answers=answers,
        identity=str(message.get("Message-ID", "")).strip()[:300] or "sha256:" + hashlib.sha256(raw).hexdigest(),
        sender=sender.strip()[:320],
        sender_name=sender_name.strip()[:200],
        subject=" ".join(str(message.get("Subject", "")).split())[:300],
        text=_text(message)[:TEXT_LIMIT],
        written_at=_date(message),
        attachments=tuple(_attachments(message)),
        size=len(raw),
    )


def kept_original(raw: bytes, reply: Reply) -> bytes:
    """`raw` as received when it is at most `ORIGINAL_LIMIT` bytes; else a message of its headers and text only,
    which says its attachments were not kept."""
    if len(raw) <= ORIGINAL_LIMIT:
        return raw
    received = email.message_from_bytes(raw[:65_536], policy=email.policy.default)  # the headers are at the start
    kept = EmailMessage()
    for header in _KEPT_HEADERS:
        for value in received.get_all(header, []):
            kept[header] = str(value)
    names = ", ".join(f"{attachment.name} ({attachment.size} bytes)" for attachment in reply.attachments)
    kept.set_content(f"{reply.text}\n\n[Recouvra: {len(raw)} bytes received; attachments not kept: {names}]\n")
    return kept.as_bytes()


def _automatic(message: EmailMessage) -> bool:
    submitted = str(message.get("Auto-Submitted", "no")).strip().lower()
    precedence = str(message.get("Precedence", "")).strip().lower()
    return (
        submitted != "no"
        or "X-Autoreply" in message
        or "X-Autorespond" in message
        or precedence in _AUTOMATIC_PRECEDENCE
    )


def _addressed(message: EmailMessage, reply_address: str) -> list[str]:
    """The message's recipients at the reply address, tagged or not."""
    local, _, domain = reply_address.lower().partition("@")
    addressed = [
        address.lower()
        for header in ("Delivered-To", "X-Original-To", "To", "Cc")
        for _, address in getaddresses([str(value) for value in message.get_all(header, [])])
    ]
    return [address for address in addressed if address.endswith(f"@{domain}") and _local_is(address, local)]


def _answered(message: EmailMessage, reply_address: str) -> uuid.UUID | None:
    for address in _addressed(message, reply_address):
        tagged = address.partition("@")[0].partition("+")[2]
        try:
            return uuid.UUID(tagged)
        except ValueError:
            continue
    for header in ("In-Reply-To", "References"):  # the tag dropped by the debtor's mail program
        found = _OUR_ID.search(" ".join(str(value) for value in message.get_all(header, [])))
        if found:
            return uuid.UUID(found.group(1))
    return None


def _local_is(address: str, local: str) -> bool:
    return address.partition("@")[0].partition("+")[0] == local


def _text(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    try:
        content = body.get_content()
    except (LookupError, ValueError):  # an unknown charset or a broken encoding: read what can be read
        payload = body.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else str(payload)
    if body.get_content_type() == "text/html":
        content = _html_text(str(content))
    lines = [line.rstrip() for line in str(content).replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()


def _date(message: EmailMessage) -> datetime | None:
    try:
        written = parsedate_to_datetime(str(message.get("Date", "")))
    except (TypeError, ValueError):
        return None
    return written if written.tzinfo is not None else None


def _attachments(message: EmailMessage) -> list[Attachment]:
    found = []
    for part in message.iter_attachments():
        payload = part.get_payload(decode=True)
        name = part.get_filename() or part.get_content_type()
        found.append(Attachment(str(name)[:200], part.get_content_type(), len(payload) if payload else 0))
    return found


_BREAKS = frozenset({"br", "p", "div", "li", "tr", "blockquote", "h1", "h2", "h3"})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skipping += tag in ("style", "script")
        if tag in _BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self.skipping -= tag in ("style", "script") and self.skipping > 0

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _html_text(html: str) -> str:
    reader = _Text()
    reader.feed(html)
    reader.close()
    text = "".join(reader.parts)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(" ".join(line.split()) for line in text.split("\n")))
