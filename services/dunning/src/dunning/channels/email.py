"""E-mail over SMTP: one message per connection (`send`), or several over one connection (`send_many`).

The Message-ID header is derived from our message id, so a resend after a crash (the message left, the crash
came before our commit) carries the same Message-ID and is recognised downstream as the same message."""

from __future__ import annotations

import logging
import re
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import format_datetime

from shared.clock import Clock, SystemClock

from dunning.channels.base import ChannelError, ChannelRejected, ChannelUnavailable, Outgoing, Sent
from dunning.channels.mime import Attachment, HeaderRefused, Mailbox, wire_message

log = logging.getLogger(__name__)

_ADDRESS = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")
_FILENAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class SmtpEmail:
    def __init__(
        self,
        host: str,
        port: int,
        sender_address: str,
        sender_name: str,
        timeout_s: float,
        starttls: bool = False,
        username: str | None = None,
        password: str | None = None,
        *,
        clock: Clock | None = None,
        return_path: str = "",
    ) -> None:
        """`return_path`: where relays return what they cannot deliver, each message's id added to its local part
        (VERP: `retours+<id>@…`), so that a returned notice names the message even without its original headers;
        empty, the sender's own address."""
        self.host, self.port, self.timeout_s = host, port, timeout_s
        self.return_path = return_path
        self.sender_address, self.sender_name = sender_address, sender_name
        self.starttls, self.username, self.password = starttls, username, password
        self.clock = clock or SystemClock()

    def send(self, outgoing: Outgoing) -> Sent:
        message = self.compose(outgoing)
        with self._connection() as smtp:
            return self._deliver(smtp, message)

    def send_many(self, outgoings: Sequence[Outgoing]) -> list[Sent | ChannelError]:
        """One result per message, in order. A message refused (or failed to compose) does not stop the others;
        once the connection is lost, the messages not yet sent are `ChannelUnavailable`."""
        results: list[Sent | ChannelError] = []
        try:
            with self._connection() as smtp:
                for outgoing in outgoings:
                    try:
                        results.append(self._deliver(smtp, self.compose(outgoing)))
                    except _ConnectionLost:
                        raise
                    except ChannelError as failed:
                        results.append(failed)
                        _reset(smtp)
        except ChannelUnavailable as lost:
            results.extend(lost for _ in outgoings[len(results) :])
        return results

    def compose(self, outgoing: Outgoing) -> Composed:
        """The message as it leaves (`mime.py`); `ChannelRejected` when the recipient has no usable e-mail
        address or a header cannot be written."""
        recipient = (outgoing.recipient_email or "").strip()
        if not _ADDRESS.match(recipient):
            reason = "no e-mail address" if not recipient else f"the e-mail address '{recipient}' is not valid"
            raise ChannelRejected(reason)
        sender_name = outgoing.sender_name or self.sender_name
        reply_to = None
        if outgoing.reply_to:
            reply_to = Mailbox(sender_name, outgoing.reply_to)
        elif outgoing.sender_email and outgoing.sender_email != self.sender_address:
            reply_to = Mailbox(sender_name, outgoing.sender_email)
        pdf = None if outgoing.pdf is None else Attachment(_pdf_name(outgoing), outgoing.pdf)
        try:
            data = wire_message(
                sender=Mailbox(sender_name, self.sender_address),
                recipient=Mailbox(outgoing.recipient_name, recipient),
                reply_to=reply_to,
                subject=outgoing.subject,
                date=format_datetime(self.clock.now()),
                message_id=outgoing.rfc822_message_id,
                text=outgoing.text,
                html=outgoing.html,
                pdf=pdf,
                in_reply_to=outgoing.in_reply_to,
            )
        except HeaderRefused as exc:  # a line break or an unwritable address in a header
            raise ChannelRejected(f"the message cannot be addressed: {exc}") from exc
        return Composed(
            data=data,
            sender=envelope_sender(self.return_path, outgoing.message_id) if self.return_path else self.sender_address,
            recipient=recipient,
            message_id=outgoing.rfc822_message_id,
        )

    def _connection(self) -> _Connection:
        return _Connection(self)

    def _deliver(self, smtp: smtplib.SMTP, message: Composed) -> Sent:
        options = [] if message.recipient.isascii() and message.sender.isascii() else ["SMTPUTF8"]
        try:
            if options and not smtp.has_extn("smtputf8"):
                raise smtplib.SMTPNotSupportedError("the server does not offer SMTPUTF8")
            refused = smtp.sendmail(message.sender, [message.recipient], message.data, mail_options=options)
        except smtplib.SMTPRecipientsRefused as exc:
            raise _refusal(*next(iter(exc.recipients.values())), what="the recipient") from exc
        except smtplib.SMTPDataError as exc:
            raise _refusal(exc.smtp_code, exc.smtp_error, what="the message") from exc
        except smtplib.SMTPSenderRefused as exc:  # our own address: not this message's fault, retry once fixed
            raise ChannelUnavailable(f"the mail server refused the sender: {_text(exc.smtp_error)}") from exc
        except smtplib.SMTPNotSupportedError as exc:  # an address in UTF-8, and a server without SMTPUTF8
            raise ChannelRejected(f"the mail server cannot carry this address: {exc}") from exc
        except (smtplib.SMTPException, OSError) as exc:
            raise _ConnectionLost(f"the connection to the mail server was lost: {exc!r}") from exc
        if refused:  # one recipient only: a partial refusal cannot happen, but say so if it does
            raise _refusal(*next(iter(refused.values())), what="the recipient")
        return Sent(provider_id=message.message_id, status="sent")


def envelope_sender(return_path: str, message_id: str) -> str:
    """`retours@recouvra.example` and our message's id: `retours+<id>@recouvra.example` (`dunning.messages.bounces`
    reads the id back from the address a notice is returned to)."""
    local, _, domain = return_path.partition("@")
    return f"{local}+{message_id}@{domain}"


@dataclass(frozen=True)
class Composed:
    """A message ready for SMTP: its bytes, its envelope and its Message-ID."""

    data: bytes
    sender: str
    recipient: str
    message_id: str


class _ConnectionLost(ChannelUnavailable):
    """The session itself failed: nothing more can be sent over it."""


class _Connection:
    """An SMTP session (connect, STARTTLS, login) mapping every failure to open it to `ChannelUnavailable`."""

    def __init__(self, email: SmtpEmail) -> None:
        self.email = email
        self.smtp: smtplib.SMTP | None = None

    def __enter__(self) -> smtplib.SMTP:
        email = self.email
        try:
            smtp = smtplib.SMTP(email.host, email.port, timeout=email.timeout_s)
        except (smtplib.SMTPException, OSError) as exc:
            raise ChannelUnavailable(
                f"the mail server {email.host}:{email.port} could not be reached: {exc!r}"
            ) from exc
        self.smtp = smtp
        try:
            if email.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if email.username:
                smtp.login(email.username, email.password or "")
        except (smtplib.SMTPException, OSError) as exc:
            self.__exit__(None, None, None)
            raise ChannelUnavailable(f"the mail server refused the session: {exc!r}") from exc
        return smtp

    def __exit__(self, *_: object) -> None:
        if self.smtp is None:
            return
        try:
            self.smtp.quit()
        except (smtplib.SMTPException, OSError):
            self.smtp.close()
        self.smtp = None


def _refusal(code: int, text: bytes | str, *, what: str) -> ChannelError:
    """SMTP 5xx is permanent (RFC 5321 §4.2.1); 4xx, and anything else, is worth another try later."""
    if 500 <= code < 600:
        return ChannelRejected(f"the mail server refused {what}: {code} {_text(text)}")
    return ChannelUnavailable(f"the mail server deferred {what}: {code} {_text(text)}")


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _reset(smtp: smtplib.SMTP) -> None:
    """After a refused message, RSET so the next one starts a clean transaction (smtplib mostly does already)."""
    try:
        smtp.rset()
    except (smtplib.SMTPException, OSError):
        log.info("RSET after a refused message failed; the next send will tell")


def _pdf_name(outgoing: Outgoing) -> str:
    stem = _FILENAME_UNSAFE.sub("-", outgoing.reference or outgoing.message_id).strip("-.") or "document"
    return f"{stem}.pdf"
