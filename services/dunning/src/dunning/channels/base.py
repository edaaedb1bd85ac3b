"""One message ready to leave, what a channel answers, and the two ways a send fails.

A send that fails for a while (the server refuses connections, times out, answers 5xx or SMTP 4xx) raises
`ChannelUnavailable`: the scheduler tries the same message again later, and since every channel sends it under
the same identity (the Message-ID of an e-mail, the `reference` of an SMS or a letter), a retry after a send
that did leave is recognised downstream instead of reaching the debtor twice. A send refused for good (a bad
address, a 4xx of the provider, an SMTP 5xx) raises `ChannelRejected`: the message is recorded as failed, with
the reason in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

MESSAGE_ID_DOMAIN = "recouvra.invalid"


def rfc822_message_id(message_id: str) -> str:
    """The e-mail Message-ID of our message `message_id` (RFC 5322 §3.6.4): the same on every send."""
    return f"<{message_id}@{MESSAGE_ID_DOMAIN}>"


@dataclass(frozen=True)
class Outgoing:
    """A rendered message for one recipient. `channel` is "email", "sms" or "letter"; each channel reads the
    recipient's coordinates it needs (e-mail, E.164 phone, postal address lines) and ignores the others."""

    message_id: str  # our uuid, as text: the identity of every send of this message
    channel: str
    recipient_name: str
    subject: str
    text: str
    recipient_email: str | None = None
    recipient_phone: str | None = None
    recipient_address_lines: tuple[str, ...] = ()
    sender_name: str = ""
    sender_email: str | None = None
    sender_address_lines: tuple[str, ...] = ()
    html: str | None = None
    pdf: bytes | None = None
    registered: bool = False  # a registered letter with acknowledgement of receipt (LRAR)
    callback_url: str | None = None  # where the provider reports delivery (SMS and letters)
    reference: str | None = None  # the reference the debtor reads (the attached PDF is named after it)
    rfc822_message_id: str = ""  # default: rfc822_message_id(message_id)
    reply_to: str | None = None  # where a reply goes (an e-mail's Reply-To), when not to the sender
    in_reply_to: str | None = None  # the Message-ID of the debtor's message it answers (an agent's answer)

    def __post_init__(self) -> None:
        if not self.rfc822_message_id:
            object.__setattr__(self, "rfc822_message_id", rfc822_message_id(self.message_id))


@dataclass(frozen=True)
class Sent:
    """`sent`: handed to the mail server; `accepted`: the provider took it, delivery comes later by callback."""

    provider_id: str | None
    status: Literal["sent", "accepted"]
    tracking_number: str | None = None  # a registered letter's (LRAR) number, the proof of posting


class ChannelError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ChannelUnavailable(ChannelError):
    """Temporary: the same message is to be sent again later."""


class ChannelRejected(ChannelError):
    """Permanent: this message cannot be sent as it is; `reason` says why, in plain words."""


class Channel(Protocol):
    def send(self, outgoing: Outgoing) -> Sent: ...
