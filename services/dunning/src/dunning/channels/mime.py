"""The bytes of an e-mail as it leaves: RFC 5322 headers and a MIME body (RFC 2045-2047), written directly.

The standard library's `email` package parses and refolds every header it is given and encodes bodies in Python;
for a 7 KiB reminder that took longer than the mail server takes to store it (docs/benchmarks.md, dunning). What a
reminder needs is small and fixed: text, optionally HTML as its alternative, optionally one PDF; so the message is
written here, bodies encoded by `binascii` (quoted-printable for text, which keeps French readable in `var/mail/`,
base64 for the PDF). Boundaries start with "=_", which neither encoding can produce, and are derived from the
message's identity, so a resend after a crash carries the very same bytes."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from email.utils import formataddr

CRLF = "\r\n"
_MESSAGE_ID = re.compile(r"<[\x21-\x3b\x3d\x3f-\x7e]{1,250}>")  # printable ASCII, no space, no < or > inside


class HeaderRefused(ValueError):
    """A header value that would break the message (a line break, an address that cannot be written)."""


@dataclass(frozen=True)
class Mailbox:
    name: str
    address: str


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes


def wire_message(
    *,
    sender: Mailbox,
    recipient: Mailbox,
    reply_to: Mailbox | None,
    subject: str,
    date: str,
    message_id: str,
    text: str,
    html: str | None,
    pdf: Attachment | None,
    in_reply_to: str | None = None,
) -> bytes:
    """The whole message, CRLF line endings, ready for SMTP DATA (smtplib adds the dot-stuffing). `in_reply_to`: the
    Message-ID of the message it answers (RFC 5322 §3.6.4), so that the recipient's mail program threads them; left
    out unless it is one Message-ID."""
    headers = [
        ("From", mailbox(sender, "From")),
        ("To", mailbox(recipient, "To")),
        *([("Reply-To", mailbox(reply_to, "Reply-To"))] if reply_to else []),
        ("Subject", unstructured("Subject", subject)),
        ("Date", date),
        ("Message-ID", message_id),
        *([("In-Reply-To", in_reply_to), ("References", in_reply_to)] if in_reply_to and _answers(in_reply_to) else []),
        ("MIME-Version", "1.0"),
    ]
    token = "".join(ch for ch in message_id if ch.isalnum())[:40]
    body_headers, body = _alternative(text, html, boundary=f"=_alt_{token}")
    if pdf is not None:
        boundary = f"=_mixed_{token}"
        parts = [
            _part(body_headers, body),
            _part(
                [
                    ("Content-Type", f'application/pdf; name="{pdf.filename}"'),
                    ("Content-Transfer-Encoding", "base64"),
                    ("Content-Disposition", f'attachment; filename="{pdf.filename}"'),
                ],
                base64.encodebytes(pdf.content).decode("ascii").replace("\n", CRLF),
            ),
        ]
        body_headers, body = (
            [("Content-Type", f'multipart/mixed;{CRLF} boundary="{boundary}"')],
            _multipart(boundary, parts),
        )
    return (_header_block(headers + body_headers) + CRLF + body).encode("utf-8")


def _answers(message_id: str) -> bool:
    return _MESSAGE_ID.fullmatch(message_id) is not None


def mailbox(box: Mailbox, header: str) -> str:
    """`Name <address>`, the name encoded (RFC 2047) when it is not ASCII, folded to stay within 78 columns."""
    if _breaks(box.name) or _breaks(box.address) or not box.address:
        raise HeaderRefused(f"the address {box.address!r} or its name cannot be written in a header")
    if box.name.isascii():
        return formataddr((box.name, box.address))
    name = encoded_words(box.name, first_room=76 - len(header) - 2)
    last = name.rsplit(CRLF, 1)[-1]
    room = 78 - (len(header) + 2 if CRLF not in name else 0)
    joiner = " " if len(last) + 3 + len(box.address) <= room else CRLF + " "
    return f"{name}{joiner}<{box.address}>"


def unstructured(name: str, value: str) -> str:
    """A free-text header: as is when it is short ASCII, otherwise encoded words folded at 76 characters."""
    if _breaks(value):
        raise HeaderRefused(f"the {name.lower()} contains a line break")
    if value.isascii() and len(name) + 2 + len(value) <= 78:
        return value
    return encoded_words(value, first_room=76 - len(name) - 2)


def encoded_words(value: str, *, first_room: int) -> str:
    """RFC 2047 encoded words ("B", UTF-8) of whole characters, folded: the first within `first_room` columns,
    each next one on a line of its own within 76. Written here because `email.header.Header` weighs quoted-
    printable against base64 character by character, which cost more than sending the message."""
    words: list[bytes] = []
    chunk, capacity = b"", _capacity(first_room)
    for character in value:
        encoded = character.encode("utf-8")
        if chunk and len(chunk) + len(encoded) > capacity:
            words.append(chunk)
            chunk, capacity = b"", _capacity(75)  # a folded line: one space, then the word
        chunk += encoded
    words.append(chunk)
    return (CRLF + " ").join(f"=?utf-8?b?{base64.b64encode(word).decode('ascii')}?=" for word in words)


def _capacity(room: int) -> int:
    """The bytes whose encoded word (12 columns of `=?utf-8?b?` and `?=`, then base64) fits in `room` columns."""
    return max(3, (min(room, 75) - 12) // 4 * 3)


def _alternative(text: str, html: str | None, *, boundary: str) -> tuple[list[tuple[str, str]], str]:
    plain = _text_part("plain", text)
    if html is None:
        return plain
    parts = [_part(*plain), _part(*_text_part("html", html))]
    return [("Content-Type", f'multipart/alternative;{CRLF} boundary="{boundary}"')], _multipart(boundary, parts)


def _text_part(subtype: str, content: str) -> tuple[list[tuple[str, str]], str]:
    normalised = content.replace("\r\n", "\n").replace("\r", "\n").replace("\n", CRLF)
    if not normalised.endswith(CRLF):
        normalised += CRLF
    encoded = binascii.b2a_qp(normalised.encode("utf-8"), quotetabs=False, istext=True, header=False)
    headers = [
        ("Content-Type", f'text/{subtype}; charset="utf-8"'),
        ("Content-Transfer-Encoding", "quoted-printable"),
    ]
    return headers, encoded.decode("ascii")


def _part(headers: list[tuple[str, str]], body: str) -> str:
    return _header_block(headers) + CRLF + body


def _multipart(boundary: str, parts: list[str]) -> str:
    # the line break before a delimiter belongs to the delimiter (RFC 2046 §5.1.1): each part gets one of its own
    inner = "".join(f"--{boundary}{CRLF}{part}{CRLF}" for part in parts)
    return f"{inner}--{boundary}--{CRLF}"


def _header_block(headers: list[tuple[str, str]]) -> str:
    return "".join(f"{name}: {value}{CRLF}" for name, value in headers)


def _breaks(value: str) -> bool:
    return "\r" in value or "\n" in value
